import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateLedgerAccountPayload, ListLedgerAccountsPayload, Patterns, ScopedIdPayload, UpdateLedgerAccountPayload } from '@payrail/contracts';
import { TransferAccountsService } from './transfer-accounts.service.js';

@Controller()
export class TransferAccountsHandler {
  constructor(private readonly service: TransferAccountsService) {}

  @MessagePattern(Patterns.LedgerAccountCreate)
  create(@Payload() request: CreateLedgerAccountPayload) {
    return this.service.create(request.caller, request.params, request.idempotencyKey);
  }

  @MessagePattern(Patterns.LedgerAccountRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.LedgerAccountUpdate)
  update(@Payload() request: UpdateLedgerAccountPayload) {
    return this.service.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.LedgerAccountList)
  list(@Payload() request: ListLedgerAccountsPayload) {
    return this.service.list(request.caller, request.params);
  }
}
