import 'reflect-metadata';
import { createHmac, randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
// Payments and the real gateway-connectors on one broker, the Razorpay connector against the Razorpay simulator.
import { RazorpaySimulator } from '../../apps/gateway-connectors/src/connectors/razorpay/simulator/razorpay-simulator.js';
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';
import { PaymentsModule } from '../../apps/payments/src/payments.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_rzpcheckout_${run}`, livemode: false };
const KEY = { keyId: `rzp_test_Checkout${run}`, keySecret: 'checkout_spec_secret_0123' };

/**
 * Razorpay pays only through Checkout: the intent asks the client to open Checkout for the order, and the
 * client confirms with Checkout's result, whose signature (hex HMAC-SHA256 of `order_id|payment_id` with
 * the key secret) must verify before Razorpay's own record of the order decides.
 */
describe('Razorpay Checkout through the PaymentIntent: next_action razorpay_checkout, then a signed confirmation', () => {
  let postgres: TestDatabase | undefined;
  const simulator = new RazorpaySimulator([KEY]);
  let simulatorUrl: string;
  let broker: InProcessBroker;
  const apps: INestMicroservice[] = [];

  beforeAll(async () => {
    postgres = await openTestDatabase();
    simulatorUrl = await simulator.start();
    const env = {
      ...process.env,
      PAYRAIL_CARD_FINGERPRINT_KEY: 'rzp-checkout-fingerprint-key-0123456789ab',
      PAYRAIL_SECRETS_KEY: 'rzp-checkout-secrets-key-0123456789abcdefg',
      PAYRAIL_RAZORPAY_API_BASE: simulatorUrl,
      PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '0',
    };
    broker = new InProcessBroker();
    apps.push(await startService({ service: ServiceNames.GatewayConnectors, module: GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
    apps.push(await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
    await ok(Patterns.GatewayAccountCreate, { caller: merchant, params: { gateway: 'razorpay', credentials: { key_id: KEY.keyId, key_secret: KEY.keySecret } } });
  }, 60_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await broker?.close();
    await simulator.stop();
    await postgres?.stop();
  });

  const { ok, refused } = busRequests(() => broker);

  /** The customer pays the order in Checkout; answers what Checkout's handler receives. */
  async function payAtCheckout(
    orderId: string,
    method: object = { method: 'card', card: { number: '4111111111111111' } },
  ): Promise<{ razorpay_payment_id: string; razorpay_order_id: string; razorpay_signature: string }> {
    const response = await fetch(`${simulatorUrl}/_simulator/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key_id: KEY.keyId, order_id: orderId, ...method }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { razorpay_payment_id: string; razorpay_order_id: string; razorpay_signature: string };
  }

  it('asks for Checkout, refuses a forged signature without changing anything, and completes with the signed result, once', async () => {
    const created = await ok(Patterns.PaymentIntentCreate, { caller: merchant, params: { amount: 49900, currency: 'inr', payment_method: 'pm_card_visa' } });
    const waiting = await ok(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: created.id } });
    expect(waiting.status).toBe('requires_action');
    expect(waiting.next_action).toEqual({
      type: 'razorpay_checkout',
      razorpay_checkout: { order_id: expect.stringMatching(/^order_/), key_id: KEY.keyId, amount: 49900, currency: 'INR', checkout_url: `${simulatorUrl}/v1/checkout/embedded` },
    });
    const orderId = waiting.next_action!.type === 'razorpay_checkout' ? waiting.next_action!.razorpay_checkout.order_id : '';

    const paid = await payAtCheckout(orderId);
    // Checkout's signature is what Razorpay documents: hex HMAC-SHA256 of `order_id|payment_id` with the key secret.
    expect(paid.razorpay_signature).toBe(createHmac('sha256', KEY.keySecret).update(`${orderId}|${paid.razorpay_payment_id}`).digest('hex'));

    const forged = { razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: createHmac('sha256', 'not-the-secret').update(`${orderId}|${paid.razorpay_payment_id}`).digest('hex') };
    expect(await refused(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: created.id, ...forged } })).toMatchObject({ code: 'parameter_invalid', param: 'razorpay_signature' });
    expect(await ok(Patterns.PaymentIntentList, { caller: merchant, params: {} })).toMatchObject({ data: [{ id: created.id, status: 'requires_action', next_action: waiting.next_action }] });

    const done = await ok(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: created.id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature } });
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 49900, next_action: null });
    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: created.id } });
    expect(charges.data).toHaveLength(1);
    expect(charges.data[0].gateway).toMatchObject({ gateway: 'razorpay' });
    // The card Razorpay's payment entity shows once paid (network, last4, type), shaped as Stripe shows it.
    expect(charges.data[0].payment_method_details).toEqual({ type: 'card', card: expect.objectContaining({ brand: 'visa', last4: '1111', funding: 'credit' }) });

    // The same result again changes nothing: the intent is no longer waiting for Checkout.
    expect(await refused(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: created.id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature } })).toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
    expect((await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: created.id } })).data).toHaveLength(1);
  }, 30_000);

  it("shows a UPI charge's payer as Stripe does: payment_method_details.upi.vpa, from Razorpay's payment entity", async () => {
    const created = await ok(Patterns.PaymentIntentCreate, { caller: merchant, params: { amount: 120000, currency: 'inr', payment_method: 'upi', payment_method_types: ['upi'] } });
    const waiting = await ok(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: created.id } });
    expect(waiting.status).toBe('requires_action');
    const orderId = waiting.next_action!.type === 'razorpay_checkout' ? waiting.next_action!.razorpay_checkout.order_id : '';

    const paid = await payAtCheckout(orderId, { method: 'upi', vpa: '9876543210@okhdfcbank' });
    const done = await ok(Patterns.PaymentIntentConfirm, { caller: merchant, params: { id: created.id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature } });
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 120000 });
    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: created.id } });
    expect(charges.data.map((charge) => charge.payment_method_details)).toEqual([{ type: 'upi', upi: { vpa: '9876543210@okhdfcbank' } }]);
    expect(await ok(Patterns.ChargeRetrieve, { caller: merchant, params: { id: charges.data[0].id } })).toMatchObject({ payment_method_details: { type: 'upi', upi: { vpa: '9876543210@okhdfcbank' } } });
  }, 30_000);
});
