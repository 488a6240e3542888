import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListDisputesDto, UpdateDisputeDto } from './dto/dispute-fields.dto.js';

/** Disputes the cardholders' banks opened on the merchant's charges, as gateways report them. */
@Controller('v1/disputes')
export class DisputesController {
  constructor(private readonly client: MessageClient) {}

  @Get()
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListDisputesDto) {
    return this.client.send(Patterns.DisputeList, { caller, params: query });
  }

  @Get(':id')
  @Access({ scope: 'payments:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.DisputeRetrieve, { caller, params: { id } });
  }

  /** Text evidence (merged with what was given before) and metadata; submitted unless `submit=false`. */
  @Post(':id')
  @Access({ scope: 'refunds:write' })
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateDisputeDto) {
    return this.client.send(Patterns.DisputeUpdate, { caller, params: { ...body, id } });
  }

  /** Accepts the dispute: the merchant will not contest it, and it is lost. */
  @Post(':id/close')
  @Access({ scope: 'refunds:write' })
  @HttpCode(200)
  close(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.DisputeClose, { caller, params: { id } });
  }
}
