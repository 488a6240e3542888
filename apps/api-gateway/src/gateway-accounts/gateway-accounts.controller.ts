import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, GatewayAccountResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { absoluteUrl } from '../common/public-url.js';
import { CreateGatewayAccountDto, ListGatewayAccountsDto, UpdateGatewayAccountDto } from './dto/gateway-account-fields.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's accounts at payment gateways, in the caller's mode. They hold the keys that move the
 * merchant's money, so they are managed as its other credentials are (`credentials:manage`); the answers
 * carry masked hints, never a credential.
 */
@Controller('v1/gateway_accounts')
@Access({ scope: 'credentials:manage' })
export class GatewayAccountsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Connect a gateway account: the merchant's own account at a payment gateway, which payments are then
   * routed to
   * @remarks In the caller's mode; managed with a secret key or an access token with `credentials:manage`. `gateway`
   * is one of those `GET /v1/gateways` lists: `sandbox` (the simulator, test mode only, no credentials), and
   * `stripe` (`credentials[secret_key]`) or `razorpay` (`credentials[key_id]`, `credentials[key_secret]`)
   * where this deployment has their connectors. Credentials are checked by the gateway's connector (a
   * missing, unknown or malformed one is a 400 naming `credentials[field]`), sealed at rest and never
   * returned: a GatewayAccount shows a masked hint of each (`sk_test_…4242`). A GatewayAccount is `{id:
   * "ga_…", object: "gateway_account", gateway, livemode, enabled, credentials: {field: hint},
   * webhook_secret: hint or null, callback_url, metadata, created, updated}`; `callback_url`
   * (`…/v1/callbacks/<gateway>/<id>`) is the address to give the gateway for its webhooks, signed with
   * `webhook_secret`. Routing: a new payment goes to the first enabled account (oldest first) whose gateway
   * takes its payment method type and currency; in test mode, without one, to the built-in sandbox; in live
   * mode, without one, the payment is refused (400 `gateway_account_required`). Captures, voids and refunds
   * always go through the account that authorised the payment, even once disabled or deleted.
   */
  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateGatewayAccountDto, @Req() req: Request) {
    return withAbsoluteCallback(await this.client.send(Patterns.GatewayAccountCreate, { caller, params: body }), req);
  }

  /**
   * List the caller's gateway accounts in its mode, newest first (hints only)
   */
  @ApiListResponse(GatewayAccountResource)
  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: ListGatewayAccountsDto, @Req() req: Request) {
    const page = await this.client.send(Patterns.GatewayAccountList, { caller, params: query });
    return { ...page, data: page.data.map((account) => withAbsoluteCallback(account, req)) };
  }

  /**
   * Retrieve a gateway account (hints only)
   */
  @Get(':id')
  async retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request) {
    return withAbsoluteCallback(await this.client.send(Patterns.GatewayAccountRetrieve, { caller, params: { id } }), req);
  }

  /**
   * Update a gateway account: `credentials` replaces the whole set (checked again), `webhook_secret=` (empty)
   * removes it, `enabled=false` stops routing new payments to it, metadata is merged (an empty value unsets a
   * key). The gateway never changes
   */
  @Post(':id')
  @HttpCode(200)
  async update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateGatewayAccountDto, @Req() req: Request) {
    return withAbsoluteCallback(await this.client.send(Patterns.GatewayAccountUpdate, { caller, params: { ...body, id } }), req);
  }

  /**
   * Delete a gateway account: `{id, object: "gateway_account", deleted: true}`. New payments stop routing to
   * it at once; payments it took are still captured and refunded through it
   */
  @Delete(':id')
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.GatewayAccountDelete, { caller, params: { id } });
  }
}

function withAbsoluteCallback(account: GatewayAccountResource, req: Request): GatewayAccountResource {
  return { ...account, callback_url: absoluteUrl(account.callback_url, req) };
}
