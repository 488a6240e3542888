import { createHmac } from 'node:crypto';
import Razorpay from 'razorpay';
import Stripe from 'stripe';
import { PayrailError } from '@payrail/errors';
import { verifyRazorpayWebhook } from '../connectors/razorpay/razorpay-webhook.js';
import { verifyStripeWebhook } from '../connectors/stripe/stripe-webhook-verifier.js';
import { attemptOfKey } from './attempt-key.js';
import { fromRazorpay, fromStripe, razorpayDisputeReason, razorpayDisputeStatus } from './verified-callback.js';

const stripeSecret = 'whsec_callbacks_unit_0123456789';
const razorpaySecret = 'razorpay_webhook_secret_0123';
const webhooks = new Stripe('sk_test_unused').webhooks;

function signedStripe(type: string, object: Record<string, unknown>, id = 'evt_1'): ReturnType<typeof fromStripe> {
  const payload = JSON.stringify({ id, object: 'event', type, livemode: false, created: 1_700_000_000, data: { object } });
  const header = webhooks.generateTestHeaderString({ payload, secret: stripeSecret });
  return fromStripe(verifyStripeWebhook(payload, header, stripeSecret));
}

function razorpayBody(event: string, payload: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ entity: 'event', account_id: 'acc_1', event, contains: Object.keys(payload), payload, created_at: 1_700_000_000 }));
}

function signedRazorpay(body: Buffer, eventId?: string): ReturnType<typeof fromRazorpay> {
  const signature = createHmac('sha256', razorpaySecret).update(body).digest('hex');
  expect(Razorpay.validateWebhookSignature(body.toString(), signature, razorpaySecret)).toBe(true);
  return fromRazorpay(verifyRazorpayWebhook(body, signature, razorpaySecret, eventId));
}

const payment = { entity: { id: 'pay_A1', entity: 'payment', amount: 50000, currency: 'INR', order_id: 'order_B2', amount_refunded: 0 } };

describe('gateway callbacks in Payrail words', () => {
  it('maps a Stripe payment event to its attempt key and the gateway PaymentIntent', () => {
    const callback = signedStripe('payment_intent.succeeded', { id: 'pi_stripe', amount_received: 500, currency: 'usd', metadata: { payrail_attempt_key: 'authorization:pi_Payrail1:2' } });
    expect(callback).toEqual({
      eventId: 'evt_1',
      eventType: 'payment_intent.succeeded',
      attemptKey: 'authorization:pi_Payrail1:2',
      gatewayReferences: ['pi_stripe'],
      outcome: { kind: 'payment_succeeded' },
    });
    expect(signedStripe('payment_intent.payment_failed', { id: 'pi_stripe', last_payment_error: { code: 'card_declined' } }).outcome).toEqual({ kind: 'payment_failed' });
  });

  it('maps Stripe disputes onto Stripe-shaped reasons and statuses, an unknown reason as general', () => {
    const dispute = { id: 'du_1', amount: 700, currency: 'usd', charge: 'ch_s', payment_intent: 'pi_s', reason: 'fraudulent', status: 'needs_response' };
    expect(signedStripe('charge.dispute.created', dispute)).toMatchObject({
      eventType: 'charge.dispute.created',
      gatewayReferences: ['pi_s', 'ch_s'],
      outcome: { kind: 'dispute', phase: 'created', gatewayDisputeId: 'du_1', amount: 700, currency: 'usd', reason: 'fraudulent', status: 'needs_response' },
    });
    expect(signedStripe('charge.dispute.closed', { ...dispute, reason: 'something_new', status: 'won' }).outcome).toMatchObject({ phase: 'closed', reason: 'general', status: 'won' });
  });

  it("carries a Stripe dispute's movements of the balance, each with its rate as exact text, and leaves out what does not read as one", () => {
    const dispute = { id: 'du_2', amount: 10_000, currency: 'usd', charge: 'ch_s', payment_intent: 'pi_s', reason: 'fraudulent', status: 'lost' };
    const withdrawal = { id: 'txn_w', object: 'balance_transaction', amount: -9_000, currency: 'EUR', exchange_rate: 0.9, fee: 1_500, net: -10_500, type: 'adjustment', reporting_category: 'dispute' };
    const sameCurrency = { id: 'txn_s', object: 'balance_transaction', amount: -10_000, currency: 'usd', exchange_rate: null, fee: 1_500 };
    const unreadable = [{ ...withdrawal, id: 'txn_x', amount: '9000' }, { ...withdrawal, id: 'txn_y', exchange_rate: -1 }, 'txn_z'];
    expect(signedStripe('charge.dispute.closed', { ...dispute, balance_transactions: [withdrawal, sameCurrency, ...unreadable] }).outcome).toMatchObject({
      kind: 'dispute',
      status: 'lost',
      balanceTransactions: [
        { id: 'txn_w', amount: -9_000, currency: 'eur', fee: 1_500, exchangeRate: '0.9' },
        { id: 'txn_s', amount: -10_000, currency: 'usd', fee: 1_500, exchangeRate: null },
      ],
    });
    expect(signedStripe('charge.dispute.funds_withdrawn', { ...dispute, status: 'needs_response', balance_transactions: [withdrawal] })).toMatchObject({
      eventType: 'charge.dispute.funds_withdrawn',
      outcome: { kind: 'dispute', phase: 'updated', status: 'needs_response', balanceTransactions: [{ id: 'txn_w', exchangeRate: '0.9' }] },
    });
    // An inquiry moves no money: no balance transactions, none carried.
    expect(signedStripe('charge.dispute.created', { ...dispute, status: 'warning_needs_response', balance_transactions: [] }).outcome).not.toHaveProperty('balanceTransactions');
  });

  it('acknowledges an event type Payrail does not act on without an outcome', () => {
    expect(signedStripe('customer.created', { id: 'cus_1' })).toMatchObject({ eventType: 'customer.created', outcome: null, gatewayReferences: [] });
    expect(signedRazorpay(razorpayBody('order.paid', { order: { entity: { id: 'order_1' } } }))).toMatchObject({ eventType: 'order.paid', outcome: null });
  });

  it('maps Razorpay payment events to the payment and order ids a transaction holds', () => {
    expect(signedRazorpay(razorpayBody('payment.captured', { payment }), 'evt_rzp_1')).toEqual({
      eventId: 'evt_rzp_1',
      eventType: 'payment.captured',
      attemptKey: null,
      gatewayReferences: ['pay_A1', 'order_B2'],
      outcome: { kind: 'payment_succeeded' },
    });
    expect(signedRazorpay(razorpayBody('payment.failed', { payment })).outcome).toEqual({ kind: 'payment_failed' });
  });

  it('deduplicates Razorpay events by the header id, else the body id, else the body digest', () => {
    const body = razorpayBody('payment.captured', { payment });
    expect(signedRazorpay(body, 'evt_h').eventId).toBe('evt_h');
    expect(signedRazorpay(Buffer.from(JSON.stringify({ id: 'evt_body', event: 'payment.captured', payload: { payment } }))).eventId).toBe('evt_body');
    const digest = signedRazorpay(body).eventId;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(signedRazorpay(body).eventId).toBe(digest);
  });

  it('maps Razorpay disputes onto Stripe-shaped statuses and reasons', () => {
    const dispute = { entity: { id: 'disp_1', amount: 50000, currency: 'INR', reason_code: 'chargeback', status: 'open' } };
    expect(signedRazorpay(razorpayBody('payment.dispute.created', { payment, dispute })).outcome).toEqual({
      kind: 'dispute',
      phase: 'created',
      gatewayDisputeId: 'disp_1',
      amount: 50000,
      currency: 'inr',
      reason: 'general',
      status: 'needs_response',
    });
    expect(signedRazorpay(razorpayBody('payment.dispute.lost', { payment, dispute: { entity: { ...dispute.entity, status: 'lost' } } })).outcome).toMatchObject({ phase: 'closed', status: 'lost' });
    expect(razorpayDisputeStatus('under_review', 'payment.dispute.under_review')).toBe('under_review');
    expect(razorpayDisputeStatus('closed', 'payment.dispute.closed')).toBe('lost');
    expect(razorpayDisputeStatus('', 'payment.dispute.won')).toBe('won');
    expect(razorpayDisputeReason('fraudulent_transaction')).toBe('fraudulent');
    expect(razorpayDisputeReason('duplicate_processing')).toBe('duplicate');
    expect(razorpayDisputeReason('goods_not_received')).toBe('product_not_received');
  });

  it('refuses a Razorpay webhook whose signature does not match its raw bytes, or that is not an event', () => {
    const body = razorpayBody('payment.captured', { payment });
    const signature = createHmac('sha256', razorpaySecret).update(body).digest('hex');
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as PayrailError).code;
      }
      return 'accepted';
    };
    expect(refusal(() => verifyRazorpayWebhook(body, createHmac('sha256', 'other').update(body).digest('hex'), razorpaySecret))).toBe('signature_invalid');
    expect(refusal(() => verifyRazorpayWebhook(Buffer.from(body.toString().replace('50000', '90000')), signature, razorpaySecret))).toBe('signature_invalid');
    expect(refusal(() => verifyRazorpayWebhook(body, undefined, razorpaySecret))).toBe('signature_invalid');
    const notAnEvent = Buffer.from('[1,2]');
    expect(refusal(() => verifyRazorpayWebhook(notAnEvent, createHmac('sha256', razorpaySecret).update(notAnEvent).digest('hex'), razorpaySecret))).toBe('body_invalid');
  });

  it('reads the payment attempt out of an authorisation idempotency key, and nothing out of other keys', () => {
    expect(attemptOfKey('authorization:pi_Abc123:3')).toEqual({ paymentIntentId: 'pi_Abc123', attempt: { step: 'authorization', number: 3 } });
    expect(attemptOfKey('authentication:pi_Abc123:1')).toEqual({ paymentIntentId: 'pi_Abc123', attempt: { step: 'authentication', number: 1 } });
    expect(attemptOfKey('capture:pi_Abc123')).toBeNull();
    expect(attemptOfKey('authorization:re_Abc123:1')).toBeNull();
  });
});
