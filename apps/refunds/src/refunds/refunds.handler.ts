import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { RefundsService } from './refunds.service.js';

@Controller()
export class RefundsHandler {
  constructor(private readonly service: RefundsService) {}

  @MessagePattern(Patterns.RefundCreate)
  create(@Payload() request: RequestOf<typeof Patterns.RefundCreate>) {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.RefundRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.RefundRetrieve>) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.RefundList)
  list(@Payload() request: RequestOf<typeof Patterns.RefundList>) {
    return this.service.list(request.caller, request.params);
  }
}
