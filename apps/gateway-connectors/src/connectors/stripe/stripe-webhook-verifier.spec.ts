import Stripe from 'stripe';
import { verifyStripeWebhook } from './stripe-webhook-verifier.js';

/** Signed by the official SDK (`stripe.webhooks.generateTestHeaderString`), verified by ours. */
const stripe = new Stripe('sk_test_webhookSpec');
const SECRET = 'whsec_test_webhook_spec_secret';
const NOW = 1_780_000_000;

function event(type: string, object: Record<string, unknown>): string {
  return JSON.stringify({ id: 'evt_1', object: 'event', type, livemode: false, created: NOW, data: { object } });
}

function signed(payload: string, timestamp = NOW, secret = SECRET): string {
  return stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

describe('verifyStripeWebhook', () => {
  const succeeded = event('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', amount_received: 2000, currency: 'usd', metadata: { payrail_attempt_key: 'att_1' } });

  it('accepts what the Stripe SDK signs and maps payment_intent.succeeded', () => {
    expect(verifyStripeWebhook(succeeded, signed(succeeded), SECRET, NOW + 10)).toEqual({
      kind: 'payment_succeeded',
      eventId: 'evt_1',
      livemode: false,
      created: NOW,
      paymentIntentId: 'pi_1',
      attemptKey: 'att_1',
      amountReceived: 2000,
      currency: 'usd',
    });
  });

  it('accepts raw bytes and any of several v1 signatures (a rolled secret)', () => {
    const header = `${signed(succeeded, NOW, 'whsec_old')},v1=${signed(succeeded).split('v1=')[1]}`;
    expect(verifyStripeWebhook(Buffer.from(succeeded), header, SECRET, NOW).kind).toBe('payment_succeeded');
  });

  it('refuses a forged or altered delivery, and one signed with another secret', () => {
    expect(() => verifyStripeWebhook(succeeded.replace('2000', '9000'), signed(succeeded), SECRET, NOW)).toThrow(expect.objectContaining({ code: 'signature_invalid', status: 401 }));
    expect(() => verifyStripeWebhook(succeeded, signed(succeeded, NOW, 'whsec_other'), SECRET, NOW)).toThrow(expect.objectContaining({ code: 'signature_invalid' }));
    expect(() => verifyStripeWebhook(succeeded, undefined, SECRET, NOW)).toThrow(expect.objectContaining({ code: 'signature_invalid' }));
    expect(() => verifyStripeWebhook(succeeded, `t=${NOW}`, SECRET, NOW)).toThrow(expect.objectContaining({ code: 'signature_invalid' }));
  });

  it('refuses a genuine delivery replayed outside the 5-minute tolerance, and accepts it inside', () => {
    expect(() => verifyStripeWebhook(succeeded, signed(succeeded), SECRET, NOW + 301)).toThrow(expect.objectContaining({ code: 'timestamp_out_of_range', status: 401 }));
    expect(verifyStripeWebhook(succeeded, signed(succeeded), SECRET, NOW + 300).kind).toBe('payment_succeeded');
  });

  it('never shows the secret or the expected signature in a refusal', () => {
    try {
      verifyStripeWebhook(succeeded, `t=${NOW},v1=00`, SECRET, NOW);
      throw new Error('accepted a forged signature');
    } catch (error) {
      expect((error as Error).message).not.toContain(SECRET);
      expect((error as Error).message).not.toContain(signed(succeeded).split('v1=')[1]);
    }
  });

  it('maps failures, refunds and the dispute events; other types are acknowledged as ignored', () => {
    const verify = (payload: string) => verifyStripeWebhook(payload, signed(payload), SECRET, NOW);
    expect(
      verify(event('payment_intent.payment_failed', { id: 'pi_2', last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } })),
    ).toMatchObject({ kind: 'payment_failed', paymentIntentId: 'pi_2', attemptKey: null, failure: { code: 'card_declined', declineCode: 'insufficient_funds' } });
    expect(verify(event('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', amount_refunded: 500, currency: 'usd' }))).toMatchObject({
      kind: 'charge_refunded',
      chargeId: 'ch_1',
      paymentIntentId: 'pi_1',
      amountRefunded: 500,
    });
    for (const phase of ['created', 'updated', 'closed'] as const) {
      expect(
        verify(event(`charge.dispute.${phase}`, { id: 'dp_1', charge: 'ch_1', payment_intent: 'pi_1', amount: 2000, currency: 'usd', reason: 'fraudulent', status: 'needs_response' })),
      ).toMatchObject({ kind: 'dispute', type: `charge.dispute.${phase}`, phase, disputeId: 'dp_1', chargeId: 'ch_1', amount: 2000, reason: 'fraudulent' });
    }
    // Stripe's announcements that the dispute moved money are updates of the dispute, with its balance transactions.
    const withdrawal = { id: 'txn_1', amount: -1840, currency: 'eur', fee: 1500, exchange_rate: 0.92 };
    for (const type of ['charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated']) {
      expect(verify(event(type, { id: 'dp_1', charge: 'ch_1', amount: 2000, currency: 'usd', reason: 'fraudulent', status: 'needs_response', balance_transactions: [withdrawal] }))).toMatchObject({
        kind: 'dispute',
        type,
        phase: 'updated',
        balanceTransactions: [{ id: 'txn_1', amount: -1840, currency: 'eur', fee: 1500, exchangeRate: '0.92' }],
      });
    }
    expect(verify(event('customer.created', { id: 'cus_1' }))).toMatchObject({ kind: 'ignored', type: 'customer.created' });
  });

  it('refuses a signed body that is not an event', () => {
    const payload = '{"hello":"world"}';
    expect(() => verifyStripeWebhook(payload, signed(payload), SECRET, NOW)).toThrow(expect.objectContaining({ code: 'body_invalid' }));
  });
});
