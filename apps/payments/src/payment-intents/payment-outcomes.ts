import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Topics,
  type AuthorizePaymentResult,
  type Caller,
  type GatewayCustomerAction,
  type LastPaymentError,
  type PaymentIntentNextAction,
  type PaymentIntentResource,
} from '@payrail/contracts';
import { newId, randomBase62 } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox, type UnitOfWork } from '@payrail/messaging';
import { ChargeEntity } from '../charges/charge.entity.js';
import { toChargeResource } from '../charges/charge.mapper.js';
import { ChargesRepository } from '../charges/charges.repository.js';
import { cardErrorCode, unexpectedState } from './payment-intent-rules.js';
import type { PaymentIntentEntity } from './payment-intent.entity.js';
import { toPaymentIntentResource } from './payment-intent.mapper.js';
import { PaymentIntentsRepository, type PaymentIntentChange } from './payment-intents.repository.js';
import { PaymentLinks } from './payment-links.js';

export const AUTHENTICATION_FAILURE = 'payment_intent_authentication_failure';

export interface RecordedOutcome {
  intent: PaymentIntentResource;
  /** The card error a confirmation answers with (402), the intent back in `requires_payment_method`. */
  error?: PayrailError;
}

/**
 * The last step of a confirmation or of 3D Secure: what the gateway answered becomes the charge, the
 * intent's new status and their events, in one transaction, guarded by the intent still being the
 * `processing` one this request claimed.
 */
@Injectable()
export class PaymentOutcomes {
  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly charges: ChargesRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly links: PaymentLinks,
  ) {}

  async record(caller: Caller, intent: PaymentIntentEntity, paymentMethod: string, result: AuthorizePaymentResult): Promise<RecordedOutcome> {
    if (result.outcome === 'requires_action') return { intent: await this.requireAction(caller, intent, result) };
    if (result.outcome === 'pending') return { intent: await this.awaitCustomer(caller, intent, result) };
    const methodType = result.card.brand === 'mpesa' ? 'mpesa' : 'card';
    if (result.outcome === 'declined' && result.failureCode === AUTHENTICATION_FAILURE) {
      // Failed 3D Secure never reached the card network: Stripe creates no charge for it.
      const error: LastPaymentError = {
        type: 'invalid_request_error',
        code: AUTHENTICATION_FAILURE,
        message: result.failureMessage ?? 'The provided PaymentMethod has failed authentication.',
        payment_method: { id: paymentMethod, type: methodType },
      };
      const after = await this.transition(caller, intent, { kind: 'declined', chargeId: null, error }, async (_after, { publish }, resource) => {
        await publish(Topics.PaymentsEvents, newEvent('payment_intent.payment_failed', caller, intent.id, resource));
      });
      return { intent: after };
    }

    const succeeded = result.outcome === 'succeeded';
    const captured = succeeded && intent.captureMethod === 'automatic';
    const charge = newCharge(caller, intent, paymentMethod, result, captured);
    const paymentError: LastPaymentError | undefined = succeeded
      ? undefined
      : {
          type: 'card_error',
          code: result.failureCode ?? 'card_declined',
          decline_code: result.declineCode,
          message: result.failureMessage ?? (methodType === 'mpesa' ? 'The M-Pesa payment failed.' : 'Your card was declined.'),
          payment_method: { id: paymentMethod, type: methodType },
        };
    const change: PaymentIntentChange = paymentError
      ? { kind: 'declined', chargeId: charge.id, error: paymentError }
      : { kind: 'authorized', chargeId: charge.id, captured, amount: intent.amount };
    const after = await this.transition(caller, intent, change, async (_after, { manager, publish }, resource) => {
      await this.charges.insert(manager, charge);
      const chargeResource = toChargeResource(charge, this.links);
      if (paymentError) {
        await publish(Topics.PaymentsEvents, newEvent('charge.failed', caller, intent.id, chargeResource));
        await publish(Topics.PaymentsEvents, newEvent('payment_intent.payment_failed', caller, intent.id, resource));
      } else if (captured) {
        await publish(Topics.PaymentsEvents, newEvent('charge.succeeded', caller, intent.id, chargeResource));
        await publish(Topics.PaymentsEvents, newEvent('payment_intent.succeeded', caller, intent.id, resource));
      } else {
        await publish(Topics.PaymentsEvents, newEvent('charge.succeeded', caller, intent.id, chargeResource));
        await publish(Topics.PaymentsEvents, newEvent('payment_intent.amount_capturable_updated', caller, intent.id, resource));
      }
    });

    if (!paymentError) return { intent: after };
    return { intent: after, error: declineError(after, paymentError) };
  }

  private async requireAction(caller: Caller, intent: PaymentIntentEntity, result: AuthorizePaymentResult): Promise<PaymentIntentResource> {
    // The token is the single-use claim on completing this authentication. Where the gateway hosts 3-D
    // Secure (Stripe), the customer goes to its page and back to the merchant's return_url, and Payrail's
    // page is never shown; the gateway's callback or a retrieve completes it (ThreeDSecureService).
    const token = randomBase62(32);
    const nextAction = nextActionOf(result.customerAction, this.links.authentication(intent.id, token), intent.returnUrl);
    const change: PaymentIntentChange = { kind: 'requires_action', nextAction, token, pendingAuthorization: result.gatewayReference };
    return this.transition(caller, intent, change, async (_after, { publish }, resource) => {
      await publish(Topics.PaymentsEvents, newEvent('payment_intent.requires_action', caller, intent.id, resource));
    });
  }

  /**
   * The gateway waits for the customer (M-Pesa's STK prompt): the intent stays `processing`, now showing
   * what to wait for; its callback or reconciliation settles it. Answered again, it changes nothing.
   */
  private async awaitCustomer(caller: Caller, intent: PaymentIntentEntity, result: AuthorizePaymentResult): Promise<PaymentIntentResource> {
    if (intent.nextAction || !result.nextAction) return toPaymentIntentResource(intent);
    const change: PaymentIntentChange = { kind: 'awaiting_customer', nextAction: result.nextAction, pendingAuthorization: result.gatewayReference };
    return this.transition(caller, intent, change, async (_after, { publish }, resource) => {
      await publish(Topics.PaymentsEvents, newEvent('payment_intent.processing', caller, intent.id, resource));
    });
  }

  /** Applies `change` to the intent this request holds in `processing`, then lets `effects` add rows and events. */
  private transition(
    caller: Caller,
    intent: PaymentIntentEntity,
    change: PaymentIntentChange,
    effects: (after: PaymentIntentEntity, unit: UnitOfWork, resource: PaymentIntentResource) => Promise<void>,
  ): Promise<PaymentIntentResource> {
    return this.outbox.run(async (unit) => {
      // The charge row references the intent, so it is inserted by `effects` after the guarded update succeeded.
      if (!(await this.intents.apply(unit.manager, intent.id, change))) throw unexpectedState(intent, 'confirm');
      const after = (await this.intents.findOwned(caller, intent.id, unit.manager))!;
      const resource = toPaymentIntentResource(after);
      await effects(after, unit, resource);
      return resource;
    });
  }
}

function nextActionOf(action: GatewayCustomerAction | undefined, payrailPage: string, returnUrl: string | null): PaymentIntentNextAction {
  if (action?.type === 'razorpay_checkout') {
    const { order_id, key_id, amount, currency, checkout_url } = action;
    return { type: 'razorpay_checkout', razorpay_checkout: { order_id, key_id, amount, currency, ...(checkout_url ? { checkout_url } : {}) } };
  }
  return { type: 'redirect_to_url', redirect_to_url: { url: action?.url ?? payrailPage, return_url: returnUrl } };
}

/** The 402 a declined confirmation answers with, the first time and on every retry of it; the payment method is at fault. */
export function declineError(intent: PaymentIntentResource, paymentError: LastPaymentError): PayrailError {
  return new PayrailError(cardErrorCode(paymentError.code), paymentError.message, {
    param: 'payment_method',
    declineCode: paymentError.decline_code,
    details: { payment_intent: intent, charge: intent.latest_charge },
  });
}

function newCharge(caller: Caller, intent: PaymentIntentEntity, paymentMethod: string, result: AuthorizePaymentResult, captured: boolean): ChargeEntity {
  const succeeded = result.outcome === 'succeeded';
  return Object.assign(new ChargeEntity(), {
    id: newId('ch'),
    merchantId: caller.merchantId,
    livemode: caller.livemode,
    paymentIntentId: intent.id,
    amount: intent.amount,
    amountCaptured: captured ? intent.amount : '0',
    amountRefunded: '0',
    disputed: false,
    currency: intent.currency,
    status: succeeded ? 'succeeded' : 'failed',
    paymentMethod,
    card: result.card,
    upi: result.upi ?? null,
    outcome: {
      network_status: result.networkStatus,
      reason: result.declineCode ?? null,
      risk_level: result.riskLevel,
      seller_message: result.sellerMessage,
      type: succeeded ? 'authorized' : 'issuer_declined',
    },
    failureCode: result.failureCode ?? null,
    failureMessage: result.failureMessage ?? null,
    connector: result.connector,
    gatewayReference: result.gatewayReference,
    gateway: result.gateway,
    metadata: intent.metadata,
    customer: intent.customer,
    description: intent.description,
    receiptEmail: intent.receiptEmail,
    statementDescriptor: intent.statementDescriptor,
    // M-Pesa's own receipt is the one the customer got by SMS: it is the charge's receipt number, unknown
    // (null) when only the STK query, which does not carry it, told Payrail the payment succeeded.
    receiptNumber: succeeded ? (result.card.brand === 'mpesa' ? (result.gatewayReceipt ?? null) : receiptNumber()) : null,
    receiptToken: succeeded ? randomBase62(32) : null,
    createdAt: new Date(),
  } satisfies ChargeEntity);
}

/** Stripe-style `NNNN-NNNN`, shown on the receipt. */
function receiptNumber(): string {
  const group = () => String(randomInt(10_000)).padStart(4, '0');
  return `${group()}-${group()}`;
}
