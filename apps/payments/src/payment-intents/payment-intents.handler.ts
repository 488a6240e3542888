import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, AuthenticatePaymentIntentPayload, AuthenticationPagePayload, CancelPaymentIntentPayload, CapturePaymentIntentPayload, ConfirmPaymentIntentPayload, CreatePaymentIntentPayload, ListPaymentIntentsPayload, RetrievePaymentIntentPayload, UpdatePaymentIntentPayload } from '@payrail/contracts';
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
  create(@Payload() request: CreatePaymentIntentPayload) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.service.create(request.caller, params, request.idempotencyKey));
  }

  @MessagePattern(Patterns.PaymentIntentRetrieve)
  retrieve(@Payload() request: RetrievePaymentIntentPayload) {
    // A customer back from a gateway's 3-D Secure page: its outcome is asked for before answering.
    return this.expander.around(request.caller, 'payment_intent', request.params, async (params) => {
      await this.threeDSecure.completeAtGateway(request.caller, params.id);
      return this.service.retrieve(request.caller, params.id);
    });
  }

  @MessagePattern(Patterns.PaymentIntentList)
  list(@Payload() request: ListPaymentIntentsPayload) {
    return this.expander.aroundList(request.caller, 'payment_intent', request.params, (params) => this.service.list(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentIntentUpdate)
  update(@Payload() request: UpdatePaymentIntentPayload) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.service.update(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentIntentConfirm)
  confirm(@Payload() request: ConfirmPaymentIntentPayload) {
    return this.expander.around(request.caller, 'payment_intent', request.params, ({ razorpay_payment_id, razorpay_signature, ...params }) =>
      razorpay_payment_id !== undefined && razorpay_signature !== undefined
        ? this.threeDSecure.confirmCheckout(request.caller, params.id, { razorpay_payment_id, razorpay_signature })
        : this.service.confirm(request.caller, params, request.idempotencyKey),
    );
  }

  @MessagePattern(Patterns.PaymentIntentCapture)
  capture(@Payload() request: CapturePaymentIntentPayload) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.settlements.capture(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentIntentCancel)
  cancel(@Payload() request: CancelPaymentIntentPayload) {
    return this.expander.around(request.caller, 'payment_intent', request.params, (params) => this.settlements.cancel(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentIntentAuthenticationPage)
  authenticationPage(@Payload() request: AuthenticationPagePayload) {
    return this.threeDSecure.page(request);
  }

  @MessagePattern(Patterns.PaymentIntentAuthenticate)
  authenticate(@Payload() request: AuthenticatePaymentIntentPayload) {
    return this.threeDSecure.authenticate(request);
  }
}
