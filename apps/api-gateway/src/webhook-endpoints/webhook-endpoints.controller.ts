import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { DeletedWebhookEndpointResource, Patterns, type Caller, WebhookDeliveryResource, WebhookEndpointResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateWebhookEndpointDto } from './dto/create-webhook-endpoint.dto.js';
import { RotateWebhookEndpointSecretDto, UpdateWebhookEndpointDto } from './dto/update-webhook-endpoint.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

@Controller('v1/webhook_endpoints')
export class WebhookEndpointsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create a webhook endpoint; the response alone carries its `whsec_` signing secret
   * @remarks `signature_scheme` picks the headers each delivery carries: `payrail` (default, `Payments-Signature:
   * t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`), `stripe` (the same value in `Stripe-Signature`, for
   * `stripe.webhooks.constructEvent`), `standard-webhooks` (`webhook-id` = the event id, `webhook-timestamp`,
   * `webhook-signature: v1,<base64>`, secret `whsec_<base64>`) or `sha256-hex` (`X-Webhook-Signature:
   * sha256=<hex HMAC-SHA256 of the raw body>`, keyed by the whole secret). `enabled_events` are types from
   * the event catalogue or `*`; an unknown type is a 400 naming `enabled_events`. `retry_schedule` is the
   * delays in seconds before each retry (`retry_schedule[]=60&retry_schedule[]=300&retry_schedule[]=900`, at
   * most 20, each up to 3 days, 7 days in all); without it, about 3 days of backoff. `api_version` is one the
   * platform renders (`2026-01-01`).
   */
  @Post()
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateWebhookEndpointDto) {
    return this.client.send(Patterns.WebhookEndpointCreate, { caller, params: body });
  }

  /**
   * List webhook endpoints
   */
  @ApiListResponse(WebhookEndpointResource)
  @Get()
  @Access({ scope: 'webhooks:manage' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.WebhookEndpointList, { caller, params: query });
  }

  /**
   * Retrieve a webhook endpoint
   */
  @Get(':id')
  @Access({ scope: 'webhooks:manage' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.WebhookEndpointRetrieve, { caller, params: { id } });
  }

  /**
   * Update a webhook endpoint: `disabled=true` stops deliveries, `disabled=false` re-enables it (also after
   * the platform disabled it), metadata merges, an empty `retry_schedule` returns to the default
   */
  @Post(':id')
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateWebhookEndpointDto) {
    return this.client.send(Patterns.WebhookEndpointUpdate, { caller, params: { ...body, id } });
  }

  /**
   * A new signing secret, in this answer only; the old one keeps signing beside it for `expires_in` seconds
   * (default 86400, at most 604800, 0 at once), shown as `previous_secret_expires`
   * @remarks During the overlap `payrail` and `stripe` carry two `v1=` values and `standard-webhooks` two `v1,`
   * signatures, so a receiver holding either secret verifies. `sha256-hex` carries one signature: it stays
   * made with the old secret until the overlap ends, then with the new one.
   */
  @Post(':id/rotate_secret')
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  rotateSecret(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: RotateWebhookEndpointSecretDto) {
    return this.client.send(Patterns.WebhookEndpointRotateSecret, { caller, params: { ...body, id } });
  }

  /**
   * The endpoint's deliveries, newest first: `{id: "wd_…", object: "webhook_delivery", event,
   * webhook_endpoint, status: pending|succeeded|failed|canceled, attempt_count, next_retry, created,
   * livemode, attempts: [{attempt, status, response_status_code, response_body (first 1 KiB, secrets
   * redacted), latency_ms, error, created}]}`
   */
  @ApiListResponse(WebhookDeliveryResource)
  @Get(':id/deliveries')
  @Access({ scope: 'webhooks:manage' })
  deliveries(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.WebhookEndpointDeliveries, { caller, params: { ...query, id } });
  }

  /**
   * Sends a `payrail.test` event, signed, to this endpoint only; answers the event
   */
  @Post(':id/test')
  @Access({ scope: 'webhooks:manage' })
  @HttpCode(200)
  sendTest(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.WebhookEndpointTest, { caller, params: { id } });
  }

  /**
   * Delete a webhook endpoint
   */
  @Delete(':id')
  @Access({ scope: 'webhooks:manage' })
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<DeletedWebhookEndpointResource> {
    return this.client.send(Patterns.WebhookEndpointDelete, { caller, params: { id } });
  }
}
