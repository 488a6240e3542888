import { Controller, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { Patterns, type CallbackGateway } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { Access } from '../authentication/access.decorator.js';
import type { EdgeRequest } from '../http/request-id.middleware.js';

/** Read raw (the signature covers the bytes), so documented here rather than by a DTO. */
const GATEWAY_EVENT_BODY = ApiBody({ required: true, description: 'The gateway\'s event, exactly as it sends it (JSON).', schema: { type: 'object' } });

/**
 * Gateways' webhooks. Public (a gateway has no Payrail key): the signature over the raw body, checked by
 * gateway-connectors with the account's webhook secret, is the credential. A forgery is a 401, an unknown
 * account a 404, and a verified event a 200 however often it is delivered.
 */
@Controller('v1/callbacks')
export class CallbacksController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Stripe's webhooks for one gateway account (its `callback_url`); public, verified by `Stripe-Signature`
   * @remarks No API key: the `Stripe-Signature` header (`t=…,v1=…`, hex HMAC-SHA256 of `t.rawBody` with the account's
   * `webhook_secret`, 5-minute tolerance) is the credential. A forged, stale or unsigned delivery is a 401
   * and changes nothing; an unknown account a 404; a verified event a 200 `{received: true, duplicate}`, once
   * per Stripe event id (a replay is a 200 with `duplicate: true` and changes nothing).
   * `payment_intent.succeeded` / `.payment_failed` settle a `processing` PaymentIntent by asking Stripe (the
   * same path as reconciliation); `charge.dispute.*` open and update Disputes.
   */
  @Access({ public: true })
  @Post('stripe/:gateway_account_id')
  @GATEWAY_EVENT_BODY
  @HttpCode(200)
  stripe(@Param('gateway_account_id') gatewayAccountId: string, @Headers('stripe-signature') signature: string | undefined, @Req() req: EdgeRequest) {
    return this.forward('stripe', gatewayAccountId, req, signature);
  }

  /**
   * Razorpay's webhooks for one gateway account (its `callback_url`); public, verified by
   * `X-Razorpay-Signature`
   * @remarks No API key: `X-Razorpay-Signature` (hex HMAC-SHA256 of the raw body with the account's `webhook_secret`)
   * is the credential. Deduplicated by `x-razorpay-event-id` (else the body's `id`). `payment.authorized` /
   * `.captured` / `.failed` settle a `processing` PaymentIntent by asking Razorpay; `payment.dispute.*` open
   * and update Disputes. Statuses as for Stripe's callbacks.
   */
  @Access({ public: true })
  @Post('razorpay/:gateway_account_id')
  @GATEWAY_EVENT_BODY
  @HttpCode(200)
  razorpay(
    @Param('gateway_account_id') gatewayAccountId: string,
    @Headers('x-razorpay-signature') signature: string | undefined,
    @Headers('x-razorpay-event-id') eventId: string | undefined,
    @Req() req: EdgeRequest,
  ) {
    return this.forward('razorpay', gatewayAccountId, req, signature, eventId);
  }

  /**
   * Daraja's STK and reversal results. Daraja signs nothing: the `token` in the account's callback URL is
   * the credential, and gateway-connectors checks the body against the account's pending payments. A push's
   * URL also names its `attempt`, which matches the callback of a push whose CheckoutRequestID was never known;
   * a Transaction Status query's names the `reversal` it asks about.
   */
  @Access({ public: true })
  @Post('mpesa/:gateway_account_id')
  @GATEWAY_EVENT_BODY
  @HttpCode(200)
  mpesa(@Param('gateway_account_id') gatewayAccountId: string, @Query() query: Record<string, unknown>, @Req() req: EdgeRequest) {
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
    return this.forward('mpesa', gatewayAccountId, req, text('token'), undefined, { attempt: text('attempt'), reversal: text('reversal') });
  }

  private forward(gateway: CallbackGateway, gatewayAccountId: string, req: EdgeRequest, signature?: string, eventId?: string, names: { attempt?: string; reversal?: string } = {}) {
    return this.client.send(Patterns.ConnectorCallbackReceive, {
      gateway,
      gatewayAccountId,
      rawBody: (req.rawBody ?? Buffer.alloc(0)).toString('base64'),
      ...(signature ? { signature } : {}),
      ...(eventId ? { eventId } : {}),
      ...(names.attempt ? { attempt: names.attempt } : {}),
      ...(names.reversal ? { reversal: names.reversal } : {}),
    });
  }
}
