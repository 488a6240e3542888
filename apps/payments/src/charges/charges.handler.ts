import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, Topics, ChargeFailedTallyPayload, ChargeForRefundPayload, ChargeReceiptPayload, ListChargesPayload, RetrieveChargePayload, type RefundsEvent } from '@payrail/contracts';
import { ResourceExpander } from '../expansion/resource-expander.js';
import { ChargesService } from './charges.service.js';

@Controller()
export class ChargesHandler {
  constructor(
    private readonly service: ChargesService,
    private readonly expander: ResourceExpander,
  ) {}

  @MessagePattern(Patterns.ChargeRetrieve)
  retrieve(@Payload() request: RetrieveChargePayload) {
    return this.expander.around(request.caller, 'charge', request.params, (params) => this.service.retrieve(request.caller, params.id));
  }

  @MessagePattern(Patterns.ChargeList)
  list(@Payload() request: ListChargesPayload) {
    return this.expander.aroundList(request.caller, 'charge', request.params, (params) => this.service.list(request.caller, params));
  }

  @MessagePattern(Patterns.ChargeReceipt)
  receipt(@Payload() request: ChargeReceiptPayload) {
    return this.service.receipt(request);
  }

  @MessagePattern(Patterns.ChargeForRefund)
  chargeForRefund(@Payload() request: ChargeForRefundPayload) {
    return this.service.chargeForRefund(request.caller, request.params);
  }

  @MessagePattern(Patterns.ChargeFailedTally)
  failedTally(@Payload() request: ChargeFailedTallyPayload) {
    return this.service.failedTally(request.caller, request.params);
  }

  @EventPattern(Topics.RefundsEvents)
  onRefundEvent(@Payload() event: RefundsEvent) {
    return this.service.onRefundEvent(event);
  }
}
