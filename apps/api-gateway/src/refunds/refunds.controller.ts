import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { CreateRefundDto } from './dto/create-refund.dto.js';
import { ListRefundsDto } from './dto/list-refunds.dto.js';

@Controller('v1/refunds')
export class RefundsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @Access({ scope: 'refunds:write' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateRefundDto) {
    return this.client.send(Patterns.RefundCreate, { caller, params: body });
  }

  @Get()
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListRefundsDto) {
    return this.client.send(Patterns.RefundList, { caller, params: query });
  }

  @Get(':id')
  @Access({ scope: 'payments:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.RefundRetrieve, { caller, params: { id } });
  }
}
