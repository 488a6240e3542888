import { Controller, Get, Param, Query } from '@nestjs/common';
import { Patterns, type Caller, BalanceTransactionResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListBalanceTransactionsDto } from './dto/list-balance-transactions.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** The merchant's balance and its movements, as the ledger keeps them. */
@Controller('v1')
export class BalanceController {
  constructor(private readonly client: MessageClient) {}

  /**
   * The merchant's balance per currency: `available` (payable) and `pending` (charges within the payout
   * delay), from the ledger
   */
  @Get('balance')
  @Access({ scope: 'payments:read' })
  balance(@CurrentCaller() caller: Caller) {
    return this.client.send(Patterns.BalanceRetrieve, { caller, params: {} });
  }

  /**
   * List balance transactions (charges, refunds, dispute adjustments), newest first, each with its `fee` and
   * `net`
   */
  @ApiListResponse(BalanceTransactionResource)
  @Get('balance_transactions')
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListBalanceTransactionsDto) {
    return this.client.send(Patterns.BalanceTransactionList, { caller, params: query });
  }

  /**
   * Retrieve a balance transaction
   */
  @Get('balance_transactions/:id')
  @Access({ scope: 'payments:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.BalanceTransactionRetrieve, { caller, params: { id } });
  }
}
