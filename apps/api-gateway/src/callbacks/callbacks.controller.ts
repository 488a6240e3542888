import { Controller, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type CallbackGateway } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { Access } from '../authentication/access.decorator.js';
import type { EdgeRequest } from '../http/request-id.middleware.js';

/**
 * Gateways' webhooks. Public (a gateway has no Payrail key): the signature over the raw body, checked by
 * gateway-connectors with the account's webhook secret, is the credential. A forgery is a 401, an unknown
 * account a 404, and a verified event a 200 however often it is delivered.
 */
@Controller('v1/callbacks')
export class CallbacksController {
  constructor(private readonly client: MessageClient) {}

  @Access({ public: true })
  @Post('stripe/:gateway_account_id')
  @HttpCode(200)
  stripe(@Param('gateway_account_id') gatewayAccountId: string, @Headers('stripe-signature') signature: string | undefined, @Req() req: EdgeRequest) {
    return this.forward('stripe', gatewayAccountId, req, signature);
  }

  @Access({ public: true })
  @Post('razorpay/:gateway_account_id')
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
