import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, TransferResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { idempotencyKeyOf } from '../idempotency/idempotency-key-of.js';
import { CreateTransferDto, ListTransfersDto } from './dto/transfer.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Money moved between the merchant's ledger accounts by RTP, ACH or wire. */
@Controller('v1/transfers')
export class TransfersController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @RequiresScope('transfers:write')
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateTransferDto, @Req() req: Request) {
    return this.client.send(Patterns.TransferCreate, { caller, params: body, idempotencyKey: idempotencyKeyOf(req) });
  }

  @ApiListResponse(TransferResource)
  @Get()
  @RequiresScope('accounts:read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListTransfersDto) {
    return this.client.send(Patterns.TransferList, { caller, params: query });
  }

  @Get(':id')
  @RequiresScope('accounts:read')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.TransferRetrieve, { caller, params: { id } });
  }
}
