import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { ResourceExpander } from '../expansion/resource-expander.js';
import { PaymentMethodsService } from './payment-methods.service.js';

@Controller()
export class PaymentMethodsHandler {
  constructor(
    private readonly service: PaymentMethodsService,
    private readonly expander: ResourceExpander,
  ) {}

  @MessagePattern(Patterns.PaymentMethodCreate)
  create(@Payload() request: RequestOf<typeof Patterns.PaymentMethodCreate>) {
    return this.expander.around(request.caller, 'payment_method', request.params, (params) => this.service.create(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentMethodRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.PaymentMethodRetrieve>) {
    return this.expander.around(request.caller, 'payment_method', request.params, (params) => this.service.retrieve(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentMethodList)
  list(@Payload() request: RequestOf<typeof Patterns.PaymentMethodList>) {
    return this.expander.aroundList(request.caller, 'payment_method', request.params, (params) => this.service.list(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentMethodAttach)
  attach(@Payload() request: RequestOf<typeof Patterns.PaymentMethodAttach>) {
    return this.expander.around(request.caller, 'payment_method', request.params, (params) => this.service.attach(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentMethodDetach)
  detach(@Payload() request: RequestOf<typeof Patterns.PaymentMethodDetach>) {
    return this.expander.around(request.caller, 'payment_method', request.params, (params) => this.service.detach(request.caller, params));
  }
}
