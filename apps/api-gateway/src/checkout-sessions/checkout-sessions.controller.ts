import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, CheckoutSessionResource, type ListResource, CheckoutLineItemResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { absoluteUrl } from '../common/public-url.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateCheckoutSessionDto } from './dto/create-checkout-session.dto.js';
import { ListCheckoutSessionsDto } from './dto/list-checkout-sessions.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Stripe's Checkout Sessions: the merchant creates one and sends its customer to `url`, the hosted page. */
@Controller('v1/checkout/sessions')
export class CheckoutSessionsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create a Checkout Session (mode `payment`); send the customer to its `url`, the hosted payment page
   * @remarks A Checkout Session is Stripe's `{id: "cs_…", object: "checkout.session", mode, status:
   * open|complete|expired, payment_status: unpaid|paid, amount_subtotal, amount_total, currency, url,
   * success_url, cancel_url, customer, customer_email, customer_details, client_reference_id, payment_intent,
   * payment_method_types, expires_at, locale, metadata, livemode, created}`. `url` is the hosted page
   * (`/checkout/cs_…`), null once the session is complete or expired. The PaymentIntent is created at the
   * first payment attempt. Events: `checkout.session.completed` (paid, or authorised with
   * `payment_intent_data[capture_method]=manual`, then `payment_status: unpaid`), `checkout.session.expired`.
   * Line items share one currency; the total is checked like a PaymentIntent amount. A bad parameter is a 400
   * naming it (`line_items[0][price_data][currency]`, `expires_at`). OAuth scope `payments:write`.
   */
  @Post()
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateCheckoutSessionDto, @Req() req: Request) {
    return withAbsoluteUrl(await this.client.send(Patterns.CheckoutSessionCreate, { caller, params: body }), req);
  }

  /**
   * List Checkout Sessions, newest first
   */
  @ApiListResponse(CheckoutSessionResource)
  @Get()
  @Access({ scope: 'payments:read' })
  async list(@CurrentCaller() caller: Caller, @Query() query: ListCheckoutSessionsDto, @Req() req: Request): Promise<ListResource<CheckoutSessionResource>> {
    const list = await this.client.send(Patterns.CheckoutSessionList, { caller, params: query });
    return { ...list, data: list.data.map((session) => withAbsoluteUrl(session, req)) };
  }

  /**
   * Retrieve a Checkout Session
   */
  @Get(':id')
  @Access({ scope: 'payments:read' })
  async retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request) {
    return withAbsoluteUrl(await this.client.send(Patterns.CheckoutSessionRetrieve, { caller, params: { id } }), req);
  }

  /**
   * List a session's line items (`object: "item"`), in the order given
   */
  @ApiListResponse(CheckoutLineItemResource)
  @Get(':id/line_items')
  @Access({ scope: 'payments:read' })
  lineItems(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.CheckoutSessionLineItems, { caller, params: { ...query, id } });
  }

  /**
   * Expire an open session (its PaymentIntent is canceled); any other status is a 400
   * `checkout_session_unexpected_state`
   */
  @Post(':id/expire')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  async expire(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request) {
    return withAbsoluteUrl(await this.client.send(Patterns.CheckoutSessionExpire, { caller, params: { id } }), req);
  }
}

function withAbsoluteUrl(session: CheckoutSessionResource, req: Request): CheckoutSessionResource {
  return { ...session, url: absoluteUrl(session.url, req) };
}
