import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, CreateRefundPayload, ListRefundsPayload, ScopedIdPayload } from '@payrail/contracts';
import { RefundsService } from './refunds.service.js';

@Controller()
export class RefundsHandler {
  constructor(private readonly service: RefundsService) {}

  @MessagePattern(Patterns.RefundCreate)
  create(@Payload() request: CreateRefundPayload) {
    return this.service.create(request.caller, request.params, request.idempotencyKey);
  }

  @MessagePattern(Patterns.RefundRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.RefundList)
  list(@Payload() request: ListRefundsPayload) {
    return this.service.list(request.caller, request.params);
  }
}
