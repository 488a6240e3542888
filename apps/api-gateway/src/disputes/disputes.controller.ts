import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, DisputeResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ListDisputesDto, UpdateDisputeDto } from './dto/dispute-fields.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Disputes the cardholders' banks opened on the merchant's charges, as gateways report them. */
@Controller('v1/disputes')
export class DisputesController {
  constructor(private readonly client: MessageClient) {}

  @ApiListResponse(DisputeResource)
  @Get()
  @RequiresScope('payments:read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListDisputesDto) {
    return this.client.send(Patterns.DisputeList, { caller, params: query });
  }

  @Get(':id')
  @RequiresScope('payments:read')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.DisputeRetrieve, { caller, params: { id } });
  }

  /** Text evidence (merged with what was given before) and metadata; submitted unless `submit=false`. */
  @Post(':id')
  @RequiresScope('refunds:write')
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateDisputeDto) {
    return this.client.send(Patterns.DisputeUpdate, { caller, params: { ...body, id } });
  }

  /** Accepts the dispute: the merchant will not contest it, and it is lost. */
  @Post(':id/close')
  @RequiresScope('refunds:write')
  @HttpCode(200)
  close(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.DisputeClose, { caller, params: { id } });
  }
}
