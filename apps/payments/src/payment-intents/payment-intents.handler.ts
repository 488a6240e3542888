import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { PaymentIntentsService } from './payment-intents.service.js';

@Controller()
export class PaymentIntentsHandler {
  constructor(private readonly service: PaymentIntentsService) {}

  @MessagePattern(Patterns.PaymentIntentCreate)
  create(@Payload() request: RequestOf<typeof Patterns.PaymentIntentCreate>) {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentIntentRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.PaymentIntentRetrieve>) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.PaymentIntentList)
  list(@Payload() request: RequestOf<typeof Patterns.PaymentIntentList>) {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentIntentConfirm)
  confirm(@Payload() request: RequestOf<typeof Patterns.PaymentIntentConfirm>) {
    return this.service.confirm(request.caller, request.params);
  }
}
