import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListBalanceTransactionsPayload, Patterns, RetrieveBalancePayload, ScopedIdPayload } from '@payrail/contracts';
import { BalancesService } from './balances.service.js';

@Controller()
export class BalancesHandler {
  constructor(private readonly service: BalancesService) {}

  @MessagePattern(Patterns.BalanceRetrieve)
  balance(@Payload() request: RetrieveBalancePayload) {
    return this.service.balance(request.caller);
  }

  @MessagePattern(Patterns.BalanceTransactionRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.BalanceTransactionList)
  list(@Payload() request: ListBalanceTransactionsPayload) {
    return this.service.list(request.caller, request.params);
  }
}
