import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, CheckoutSessionResource, type ListResource, CheckoutLineItemResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { absoluteUrl } from '../common/public-url.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateCheckoutSessionDto } from './dto/create-checkout-session.dto.js';
import { ListCheckoutSessionsDto } from './dto/list-checkout-sessions.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Stripe's Checkout Sessions: the merchant creates one and sends its customer to `url`, the hosted page. */
@Controller('v1/checkout/sessions')
export class CheckoutSessionsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @RequiresScope('payments:write')
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateCheckoutSessionDto, @Req() req: Request) {
    return withAbsoluteUrl(await this.client.send(Patterns.CheckoutSessionCreate, { caller, params: body }), req);
  }

  @ApiListResponse(CheckoutSessionResource)
  @Get()
  @RequiresScope('payments:read')
  async list(@CurrentCaller() caller: Caller, @Query() query: ListCheckoutSessionsDto, @Req() req: Request): Promise<ListResource<CheckoutSessionResource>> {
    const list = await this.client.send(Patterns.CheckoutSessionList, { caller, params: query });
    return { ...list, data: list.data.map((session) => withAbsoluteUrl(session, req)) };
  }

  @Get(':id')
  @RequiresScope('payments:read')
  async retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request) {
    return withAbsoluteUrl(await this.client.send(Patterns.CheckoutSessionRetrieve, { caller, params: { id } }), req);
  }

  @ApiListResponse(CheckoutLineItemResource)
  @Get(':id/line_items')
  @RequiresScope('payments:read')
  lineItems(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.CheckoutSessionLineItems, { caller, params: { ...query, id } });
  }

  @Post(':id/expire')
  @RequiresScope('payments:write')
  @HttpCode(200)
  async expire(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request) {
    return withAbsoluteUrl(await this.client.send(Patterns.CheckoutSessionExpire, { caller, params: { id } }), req);
  }
}

function withAbsoluteUrl(session: CheckoutSessionResource, req: Request): CheckoutSessionResource {
  return { ...session, url: absoluteUrl(session.url, req) };
}
