import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { ResourceExpander } from '../expansion/resource-expander.js';
import { PaymentIntentSettlementsService } from './payment-intent-settlements.service.js';
import { PaymentIntentsService } from './payment-intents.service.js';
import { ThreeDSecureService } from './three-d-secure.service.js';

@Controller()
export class PaymentIntentsHandler {
  constructor(
    private readonly service: PaymentIntentsService,
    private readonly settlements: PaymentIntentSettlementsService,
    private readonly threeDSecure: ThreeDSecureService,
    private readonly expander: ResourceExpander,
  ) {}

  @MessagePattern(Patterns.PaymentIntentCreate)
  create(@Payload() request: RequestOf<typeof Patterns.PaymentIntentCreate>) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.service.create(request.caller, params, request.idempotencyKey));
  }

  @MessagePattern(Patterns.PaymentIntentRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.PaymentIntentRetrieve>) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.service.retrieve(request.caller, params.id));
  }

  @MessagePattern(Patterns.PaymentIntentList)
  list(@Payload() request: RequestOf<typeof Patterns.PaymentIntentList>) {
    return this.expander.aroundList(request.caller, 'payment_intent', request.params, (params) => this.service.list(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentIntentUpdate)
  update(@Payload() request: RequestOf<typeof Patterns.PaymentIntentUpdate>) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.service.update(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentIntentConfirm)
  confirm(@Payload() request: RequestOf<typeof Patterns.PaymentIntentConfirm>) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.service.confirm(request.caller, params, request.idempotencyKey));
  }

  @MessagePattern(Patterns.PaymentIntentCapture)
  capture(@Payload() request: RequestOf<typeof Patterns.PaymentIntentCapture>) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.settlements.capture(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentIntentCancel)
  cancel(@Payload() request: RequestOf<typeof Patterns.PaymentIntentCancel>) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.settlements.cancel(request.caller, params));
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
