import { Injectable } from '@nestjs/common';
import {
  Patterns,
  type AuthenticatePaymentIntentParams,
  type AuthenticatePaymentIntentResult,
  type AuthenticationPageParams,
  type AuthenticationPageView,
  type AuthorizePaymentResult,
  type Caller,
  type PaymentIntentResource,
  type RazorpayCheckoutResult,
} from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient, TransactionalOutbox } from '@payrail/messaging';
import { PaymentLinks } from './payment-links.js';
import { returnUrlWith, tokensEqual, unexpectedState } from './payment-intent-rules.js';
import { toPaymentIntentResource } from './payment-intent.mapper.js';
import type { PaymentIntentEntity } from './payment-intent.entity.js';
import { PaymentIntentsRepository } from './payment-intents.repository.js';
import { PaymentOutcomes } from './payment-outcomes.js';

/**
 * The payments side of the 3D Secure redirect page. The page is public; its credential is the
 * single-use token in `next_action.redirect_to_url.url`, bound to one intent and one attempt. Any
 * mismatch (wrong token, used token, intent no longer waiting) is the same 404, so the page tells a
 * guesser nothing.
 */
@Injectable()
export class ThreeDSecureService {
  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly outcomes: PaymentOutcomes,
    private readonly outbox: TransactionalOutbox,
    private readonly client: MessageClient,
    private readonly links: PaymentLinks,
  ) {}

  async page(params: AuthenticationPageParams): Promise<AuthenticationPageView> {
    const intent = await this.waiting(params);
    return { payment_intent: intent.id, amount: Number(intent.amount), currency: intent.currency, livemode: intent.livemode };
  }

  /** Completing asks the gateway to finish the authorisation; failing returns the intent to `requires_payment_method`. */
  async authenticate(params: AuthenticatePaymentIntentParams, checkout?: RazorpayCheckoutResult): Promise<AuthenticatePaymentIntentResult> {
    const intent = await this.waiting(params);
    const caller = { merchantId: intent.merchantId, livemode: intent.livemode };
    const claimed = await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, { kind: 'authenticating', token: params.token }));
    if (!claimed) throw linkInvalid();

    let result: AuthorizePaymentResult;
    try {
      result = await this.client.send(Patterns.ConnectorCompleteAuthentication, {
        caller,
        params: {
          paymentIntentId: intent.id,
          attempt: intent.attempts,
          gatewayReference: intent.pendingAuthorization!,
          authenticated: params.outcome === 'complete',
          ...(checkout ? { checkout } : {}),
        },
      });
    } catch (error) {
      // As in a confirmation: a refusal gives the customer the page back; a timeout leaves `processing`.
      if (!(error instanceof PayrailError) || error.code !== 'upstream_timeout') {
        await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, { kind: 'authentication_abandoned', token: params.token }));
      }
      throw error;
    }
    if (result.outcome === 'requires_action') {
      // The gateway hosts 3-D Secure and the customer has not finished there: the intent waits as it was.
      await this.outbox.run(({ manager }) => this.intents.apply(manager, intent.id, { kind: 'authentication_abandoned', token: params.token }));
      return { payment_intent: intent.id, status: 'requires_action', redirect_to: null };
    }
    const { intent: after } = await this.outcomes.record(caller, intent, intent.paymentMethod!, result);
    const redirectStatus = after.status === 'succeeded' || after.status === 'requires_capture' ? 'succeeded' : 'failed';
    return {
      payment_intent: intent.id,
      status: after.status,
      redirect_to: intent.returnUrl ? returnUrlWith(intent.returnUrl, intent, redirectStatus) : null,
    };
  }

  /**
   * Where the gateway hosts 3-D Secure (Stripe's redirect), the customer never sees Payrail's page:
   * this asks the gateway how the authentication ended, through the same completion as the page, when
   * the gateway's callback says so or when the intent is retrieved (the customer came back). Unchanged
   * while the customer has not finished, or if another request is completing it right now.
   */
  async completeAtGateway(caller: Caller, id: string): Promise<void> {
    const intent = await this.intents.findOwned(caller, id);
    if (!intent || !this.hostedByGateway(intent)) return;
    try {
      await this.authenticate({ id: intent.id, token: intent.authenticationToken!, outcome: 'complete' });
    } catch (error) {
      // Another completion claimed it first, or the gateway could not be asked now: the intent says where it stands.
      if (error instanceof PayrailError) return;
      throw error;
    }
  }

  /**
   * The customer paid in Razorpay Checkout and the client confirms with Checkout's result: the connector
   * checks its signature against the order and Razorpay's record decides, through the same completion.
   */
  async confirmCheckout(caller: Caller, id: string, checkout: RazorpayCheckoutResult): Promise<PaymentIntentResource> {
    const intent = await this.intents.findOwned(caller, id);
    if (!intent) throw PayrailError.notFound('payment_intent', id, 'id');
    if (intent.nextAction?.type !== 'razorpay_checkout' || !this.hostedByGateway(intent)) throw unexpectedState(intent, 'confirm');
    await this.authenticate({ id: intent.id, token: intent.authenticationToken!, outcome: 'complete' }, checkout);
    return toPaymentIntentResource((await this.intents.findOwned(caller, id))!);
  }

  private hostedByGateway(intent: PaymentIntentEntity): boolean {
    if (intent.status !== 'requires_action' || !intent.pendingAuthorization || !intent.authenticationToken || !intent.nextAction) return false;
    const action = intent.nextAction;
    return action.type !== 'redirect_to_url' || action.redirect_to_url.url !== this.links.authentication(intent.id, intent.authenticationToken);
  }

  private async waiting(params: AuthenticationPageParams): Promise<PaymentIntentEntity> {
    const intent = typeof params.id === 'string' ? await this.intents.findById(params.id) : null;
    if (!intent || intent.status !== 'requires_action' || !intent.pendingAuthorization || !tokensEqual(intent.authenticationToken, params.token)) {
      throw linkInvalid();
    }
    return intent;
  }
}

function linkInvalid(): PayrailError {
  return new PayrailError('resource_missing', 'This authentication link is invalid, expired or has already been used.');
}
