import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { idempotencyKeyOf } from '../idempotency/idempotency-key-of.js';
import { CreateLedgerAccountDto, ListLedgerAccountsDto, UpdateLedgerAccountDto } from './dto/ledger-account.dto.js';

/** Accounts holding money on the internal ledger (the Payment Engine document's accounts). */
@Controller('v1/accounts')
export class LedgerAccountsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @Access({ scope: 'transfers:write' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateLedgerAccountDto, @Req() req: Request) {
    return this.client.send(Patterns.LedgerAccountCreate, { caller, params: body, idempotencyKey: idempotencyKeyOf(req) });
  }

  @Get()
  @Access({ scope: 'accounts:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListLedgerAccountsDto) {
    return this.client.send(Patterns.LedgerAccountList, { caller, params: query });
  }

  @Get(':id')
  @Access({ scope: 'accounts:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.LedgerAccountRetrieve, { caller, params: { id } });
  }

  /** The document's `GET …/{id}/balance`: the same numbers as the account, on their own. */
  @Get(':id/balance')
  @Access({ scope: 'accounts:read' })
  async balance(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    const account = await this.client.send(Patterns.LedgerAccountRetrieve, { caller, params: { id } });
    return { object: 'ledger_account_balance', account: account.id, currency: account.currency, available_balance: account.available_balance, pending_balance: account.pending_balance, livemode: account.livemode };
  }

  @Post(':id')
  @Access({ scope: 'transfers:write' })
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateLedgerAccountDto) {
    return this.client.send(Patterns.LedgerAccountUpdate, { caller, params: { ...body, id } });
  }
}
