import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  Patterns,
  CheckoutGatewayReturnPayload,
  CheckoutPagePayload,
  CreateCheckoutSessionPayload,
  ListCheckoutLineItemsPayload,
  ListCheckoutSessionsPayload,
  ListCheckoutTransactionsPayload,
  PayCheckoutSessionPayload,
  ScopedIdPayload,
} from '@payrail/contracts';
import { CheckoutSessionsService } from './checkout-sessions.service.js';
import { HostedCheckoutService } from './hosted-checkout.service.js';

@Controller()
export class CheckoutSessionsHandler {
  constructor(
    private readonly service: CheckoutSessionsService,
    private readonly hosted: HostedCheckoutService,
  ) {}

  @MessagePattern(Patterns.CheckoutSessionCreate)
  create(@Payload() request: CreateCheckoutSessionPayload) {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.CheckoutSessionRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.CheckoutSessionList)
  list(@Payload() request: ListCheckoutSessionsPayload) {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.CheckoutSessionTransactions)
  transactions(@Payload() request: ListCheckoutTransactionsPayload) {
    return this.service.transactions(request.caller, request.params);
  }

  @MessagePattern(Patterns.CheckoutSessionLineItems)
  lineItems(@Payload() request: ListCheckoutLineItemsPayload) {
    return this.service.lineItems(request.caller, request.params);
  }

  @MessagePattern(Patterns.CheckoutSessionExpire)
  expire(@Payload() request: ScopedIdPayload) {
    return this.service.expire(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.CheckoutSessionPage)
  page(@Payload() request: CheckoutPagePayload) {
    return this.hosted.page(request);
  }

  @MessagePattern(Patterns.CheckoutSessionPay)
  pay(@Payload() request: PayCheckoutSessionPayload) {
    return this.hosted.pay(request);
  }

  @MessagePattern(Patterns.CheckoutSessionGatewayReturn)
  gatewayReturn(@Payload() request: CheckoutGatewayReturnPayload) {
    return this.hosted.gatewayReturn(request);
  }
}
