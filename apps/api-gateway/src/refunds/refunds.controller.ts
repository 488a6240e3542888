import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, RefundResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { CreateRefundDto } from './dto/create-refund.dto.js';
import { ListRefundsDto } from './dto/list-refunds.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

@Controller('v1/refunds')
export class RefundsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @RequiresScope('refunds:write')
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateRefundDto) {
    return this.client.send(Patterns.RefundCreate, { caller, params: body });
  }

  @ApiListResponse(RefundResource)
  @Get()
  @RequiresScope('payments:read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListRefundsDto) {
    return this.client.send(Patterns.RefundList, { caller, params: query });
  }

  @Get(':id')
  @RequiresScope('payments:read')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.RefundRetrieve, { caller, params: { id } });
  }
}
