import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateTransferPayload, ListTransfersPayload, Patterns, ScopedIdPayload } from '@payrail/contracts';
import { TransfersService } from './transfers.service.js';

@Controller()
export class TransfersHandler {
  constructor(private readonly service: TransfersService) {}

  @MessagePattern(Patterns.TransferCreate)
  create(@Payload() request: CreateTransferPayload) {
    return this.service.create(request.caller, request.params, request.idempotencyKey);
  }

  @MessagePattern(Patterns.TransferRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.TransferList)
  list(@Payload() request: ListTransfersPayload) {
    return this.service.list(request.caller, request.params);
  }
}
