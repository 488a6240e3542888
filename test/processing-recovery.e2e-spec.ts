import pg from 'pg';
import type Stripe from 'stripe';
import { createMerchant, stripeClient } from '@payrail/testing';

/**
 * A PaymentIntent left `processing` by a confirmation whose process died while the gateway was being
 * asked. The crash is reproduced in the database as it leaves it: the intent claimed for attempt 1 long
 * ago, and the gateway's own record of that attempt either missing (it never got the request) or holding
 * the answer that Payrail never recorded. Cancel, retrieve and the sweeper must settle it from that record.
 */
describe('a processing PaymentIntent whose confirmation died', () => {
  let stripe: Stripe;
  let db: pg.Client;

  beforeAll(async () => {
    stripe = stripeClient((await createMerchant('Crashed confirmations')).secret_key);
    db = new pg.Client({ connectionString: process.env.PAYRAIL_TEST_DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
  });

  /** The state a kill leaves between the claim and the gateway's answer being recorded. */
  async function claimedLongAgo(): Promise<Stripe.PaymentIntent> {
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' });
    await db.query(
      `UPDATE payments.payment_intents SET status = 'processing', attempts = 1, in_flight = '{"step": "authorization", "attempt": 1}',
         updated_at = now() - interval '1 hour' WHERE id = $1`,
      [intent.id],
    );
    return intent;
  }

  it('can be canceled once the gateway says it never took the attempt, and the attempt can never authorise later', async () => {
    const intent = await claimedLongAgo();
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('processing');

    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned', latest_charge: null, amount_received: 0 });
    const { rows } = await db.query(`SELECT answer FROM connectors.sandbox_journal WHERE idempotency_key = $1`, [`authorization:${intent.id}:1`]);
    expect(rows).toEqual([{ answer: null }]);
    expect((await stripe.charges.list({ payment_intent: intent.id })).data).toHaveLength(0);
  });

  it('records the authorisation the gateway made but Payrail never recorded, once, and then refuses to cancel it', async () => {
    const intent = await claimedLongAgo();
    // What the sandbox gateway wrote when it approved attempt 1, before the process died.
    await db.query(
      `INSERT INTO connectors.sandbox_journal (idempotency_key, livemode, amount, currency, capture_method, answer) VALUES ($1, false, 2500, 'usd', 'automatic', $2)`,
      [
        `authorization:${intent.id}:1`,
        JSON.stringify({
          outcome: 'succeeded',
          card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US', fingerprint: 'fp_crash' },
          networkStatus: 'approved_by_network',
          riskLevel: 'normal',
          sellerMessage: 'Payment complete.',
          externalReference: `sbx_ch_${intent.id}`,
        }),
      ],
    );

    const refusal = await stripe.paymentIntents.cancel(intent.id).then(
      () => undefined,
      (error: unknown) => error as Stripe.errors.StripeError,
    );
    expect(refusal).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    const settled = await stripe.paymentIntents.retrieve(intent.id);
    expect(settled).toMatchObject({ status: 'succeeded', amount_received: 2500 });
    const charges = await stripe.charges.list({ payment_intent: intent.id });
    expect(charges.data).toHaveLength(1);
    expect(charges.data[0]).toMatchObject({ id: settled.latest_charge, status: 'succeeded', captured: true, payment_method_details: { card: { last4: '4242' } } });
  });
});
