import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, DisputeResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListDisputesDto, UpdateDisputeDto } from './dto/dispute-fields.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Disputes the cardholders' banks opened on the merchant's charges, as gateways report them. */
@Controller('v1/disputes')
export class DisputesController {
  constructor(private readonly client: MessageClient) {}

  /**
   * List disputes on the caller's charges, newest first
   * @remarks A Dispute is `{id: "dp_…", object: "dispute", amount, currency, charge, payment_intent, reason, status,
   * evidence: {field: text or null}, evidence_details: {submission_count, has_evidence},
   * is_charge_refundable, created, livemode, metadata}`, created from the gateway's dispute callbacks (and in
   * test mode by the sandbox card `4000000000000259` / `pm_card_createDispute`, disputed right after it
   * succeeds). The charge then shows `disputed: true`; events `charge.dispute.created`, `.updated`,
   * `.closed`. OAuth scope `payments:read`.
   */
  @ApiListResponse(DisputeResource)
  @Get()
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListDisputesDto) {
    return this.client.send(Patterns.DisputeList, { caller, params: query });
  }

  /**
   * Retrieve a dispute
   */
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
