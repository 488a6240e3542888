import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, ChargeResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ExpandOnlyDto } from '../common/expand-only.dto.js';
import { withAbsoluteLinks } from '../common/expanded-links.js';
import { ListChargesDto } from './dto/list-charges.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Charges are made by confirming payment intents; here they are read. */
@Controller('v1/charges')
export class ChargesController {
  constructor(private readonly client: MessageClient) {}

  /**
   * List charges, newest first
   */
  @ApiListResponse(ChargeResource)
  @Get()
  @Access({ scope: 'payments:read' })
  async list(@CurrentCaller() caller: Caller, @Query() query: ListChargesDto, @Req() req: Request) {
    const list = await this.client.send(Patterns.ChargeList, { caller, params: query });
    return { ...list, data: list.data.map((charge) => chargeResponse(charge, req)) };
  }

  /**
   * Retrieve a charge
   * @remarks Payrail extension on the Charge: `gateway: {gateway_account, gateway, reference, attempts:
   * [{gateway_account, gateway, outcome, failure_code, latency_ms, created}]}`: the account that took the
   * charge (null for the built-in sandbox), the gateway's own reference, and every account tried, oldest
   * first (`outcome`: `answered`, `rejected`, `unreachable` (failed over), `outcome_unknown`, `error`,
   * `circuit_open`). Null on charges recorded before it existed.
   */
  @Get(':id')
  @Access({ scope: 'payments:read' })
  async retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ExpandOnlyDto, @Req() req: Request) {
    return chargeResponse(await this.client.send(Patterns.ChargeRetrieve, { caller, params: { id, expand: query.expand } }), req);
  }
}

/** The receipt link (and any expanded object's links) made absolute for this edge. */
export function chargeResponse(charge: ChargeResource, req: Request): ChargeResource {
  return withAbsoluteLinks(charge, req);
}
