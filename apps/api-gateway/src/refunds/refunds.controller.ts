import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, RefundResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { CreateRefundDto } from './dto/create-refund.dto.js';
import { ListRefundsDto } from './dto/list-refunds.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';
import { idempotencyKeyOf } from '../idempotency/idempotency-key-of.js';

@Controller('v1/refunds')
export class RefundsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Refund a charge, fully or in part (several partial refunds allowed)
   */
  @Post()
  @Access({ scope: 'refunds:write' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateRefundDto, @Req() req: Request) {
    return this.client.send(Patterns.RefundCreate, { caller, params: body, idempotencyKey: idempotencyKeyOf(req) });
  }

  /**
   * List refunds
   */
  @ApiListResponse(RefundResource)
  @Get()
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListRefundsDto) {
    return this.client.send(Patterns.RefundList, { caller, params: query });
  }

  /**
   * Retrieve a refund
   * @remarks Payrail extension: `reconciliation: {status: scheduled|gave_up, attempts, next_attempt_at, last_error}`
   * while the refund is `pending` and Payrail is asking the gateway how it ended (null otherwise). `gave_up`:
   * a week of asking did not settle it.
   */
  @Get(':id')
  @Access({ scope: 'payments:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.RefundRetrieve, { caller, params: { id } });
  }
}
