import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, LedgerAccountResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { idempotencyKeyOf } from '../idempotency/idempotency-key-of.js';
import { CreateLedgerAccountDto, ListLedgerAccountsDto, UpdateLedgerAccountDto } from './dto/ledger-account.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';
import { LedgerAccountBalanceResource } from './ledger-accounts.resources.js';

/** Accounts holding money on the internal ledger (the Payment Engine document's accounts). */
@Controller('v1/accounts')
export class LedgerAccountsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Open a ledger account holding money in one currency (status `active`)
   */
  @Post()
  @Access({ scope: 'transfers:write' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateLedgerAccountDto, @Req() req: Request) {
    return this.client.send(Patterns.LedgerAccountCreate, { caller, params: body, idempotencyKey: idempotencyKeyOf(req) });
  }

  /**
   * List ledger accounts, with `available_balance` and `pending_balance`. Test mode starts with
   * `test_acc_001` (10,000.00 USD), `test_acc_002` (5,000.00 USD) and `test_acc_empty`
   */
  @ApiListResponse(LedgerAccountResource)
  @Get()
  @Access({ scope: 'accounts:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListLedgerAccountsDto) {
    return this.client.send(Patterns.LedgerAccountList, { caller, params: query });
  }

  /**
   * Retrieve a ledger account
   */
  @Get(':id')
  @Access({ scope: 'accounts:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.LedgerAccountRetrieve, { caller, params: { id } });
  }

  /** The document's `GET …/{id}/balance`: the same numbers as the account, on their own. */
  @Get(':id/balance')
  @Access({ scope: 'accounts:read' })
  async balance(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<LedgerAccountBalanceResource> {
    const account = await this.client.send(Patterns.LedgerAccountRetrieve, { caller, params: { id } });
    return { object: 'ledger_account_balance', account: account.id, currency: account.currency, available_balance: account.available_balance, pending_balance: account.pending_balance, livemode: account.livemode };
  }

  /**
   * Update a ledger account: `status` (`active`, `frozen`: neither sends nor receives; `closed`: final, only
   * when empty), description, metadata
   */
  @Post(':id')
  @Access({ scope: 'transfers:write' })
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateLedgerAccountDto) {
    return this.client.send(Patterns.LedgerAccountUpdate, { caller, params: { ...body, id } });
  }
}
