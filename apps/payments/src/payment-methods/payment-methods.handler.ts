import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { PaymentMethodsService } from './payment-methods.service.js';

@Controller()
export class PaymentMethodsHandler {
  constructor(private readonly service: PaymentMethodsService) {}

  @MessagePattern(Patterns.PaymentMethodCreate)
  create(@Payload() request: RequestOf<typeof Patterns.PaymentMethodCreate>) {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentMethodRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.PaymentMethodRetrieve>) {
    return this.service.retrieve(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentMethodList)
  list(@Payload() request: RequestOf<typeof Patterns.PaymentMethodList>) {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentMethodAttach)
  attach(@Payload() request: RequestOf<typeof Patterns.PaymentMethodAttach>) {
    return this.service.attach(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentMethodDetach)
  detach(@Payload() request: RequestOf<typeof Patterns.PaymentMethodDetach>) {
    return this.service.detach(request.caller, request.params);
  }
}
