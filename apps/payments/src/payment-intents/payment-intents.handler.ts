import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { PaymentIntentSettlementsService } from './payment-intent-settlements.service.js';
import { PaymentIntentsService } from './payment-intents.service.js';
import { ThreeDSecureService } from './three-d-secure.service.js';

@Controller()
export class PaymentIntentsHandler {
  constructor(
    private readonly service: PaymentIntentsService,
    private readonly settlements: PaymentIntentSettlementsService,
    private readonly threeDSecure: ThreeDSecureService,
  ) {}

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

  @MessagePattern(Patterns.PaymentIntentUpdate)
  update(@Payload() request: RequestOf<typeof Patterns.PaymentIntentUpdate>) {
    return this.service.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentIntentConfirm)
  confirm(@Payload() request: RequestOf<typeof Patterns.PaymentIntentConfirm>) {
    return this.service.confirm(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentIntentCapture)
  capture(@Payload() request: RequestOf<typeof Patterns.PaymentIntentCapture>) {
    return this.settlements.capture(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentIntentCancel)
  cancel(@Payload() request: RequestOf<typeof Patterns.PaymentIntentCancel>) {
    return this.settlements.cancel(request.caller, request.params);
  }

  @MessagePattern(Patterns.PaymentIntentAuthenticationPage)
  authenticationPage(@Payload() request: RequestOf<typeof Patterns.PaymentIntentAuthenticationPage>) {
    return this.threeDSecure.page(request);
  }

  @MessagePattern(Patterns.PaymentIntentAuthenticate)
  authenticate(@Payload() request: RequestOf<typeof Patterns.PaymentIntentAuthenticate>) {
    return this.threeDSecure.authenticate(request);
  }
}
