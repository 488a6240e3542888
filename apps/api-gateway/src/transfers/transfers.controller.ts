import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, TransferResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { idempotencyKeyOf } from '../idempotency/idempotency-key-of.js';
import { CreateTransferDto, ListTransfersDto } from './dto/transfer.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Money moved between the merchant's ledger accounts by RTP, ACH or wire. */
@Controller('v1/transfers')
export class TransfersController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Move money between two ledger accounts of one currency. `RTP` is `COMPLETED` in the response;
   * `ACH_CREDIT`/`ACH_DEBIT` and `WIRE_DOMESTIC`/`WIRE_INTERNATIONAL` are `PENDING` (the amount held) until
   * they settle at `settles_at` (`PAYRAIL_ACH_SETTLEMENT_MS`, `PAYRAIL_WIRE_SETTLEMENT_MS`; a wire created after
   * its cut-off, 17:00 domestic or 15:00 international New York time by default, or on a weekend starts on the
   * next business day). Wires cost the sender 25 (domestic) or 45 (international) of the currency by default.
   * In test mode an ACH transfer with
   * `metadata[sandbox_return_code]` (R01, R02, R03, R04, R10) is `RETURNED` with that code. 422
   * `insufficient_funds` (with `details`: account_id, requested_amount, available_balance) or
   * `account_status_invalid`
   */
  @Post()
  @Access({ scope: 'transfers:write' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateTransferDto, @Req() req: Request) {
    return this.client.send(Patterns.TransferCreate, { caller, params: body, idempotencyKey: idempotencyKeyOf(req) });
  }

  /**
   * List transfers, newest first
   */
  @ApiListResponse(TransferResource)
  @Get()
  @Access({ scope: 'accounts:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListTransfersDto) {
    return this.client.send(Patterns.TransferList, { caller, params: query });
  }

  /**
   * Retrieve a transfer (poll it for its status)
   */
  @Get(':id')
  @Access({ scope: 'accounts:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.TransferRetrieve, { caller, params: { id } });
  }
}
