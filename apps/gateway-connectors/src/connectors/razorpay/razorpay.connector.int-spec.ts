import { PayrailError } from '@payrail/errors';
import { GatewayHttpClient, GatewayUnreachableError } from '../../http/gateway-http-client.js';
import type { ConnectorAuthorizeRequest, PaymentConnector } from '../../routing/payment-connector.js';
import { RazorpayConnectorFactory } from './razorpay-connector.factory.js';
import type { RazorpayAuthorizeResult } from './razorpay.connector.js';
import { RazorpaySimulator } from './simulator/razorpay-simulator.js';

const KEY_ID = 'rzp_test_ConnectorSpec01';
const KEY_SECRET = 'connector_spec_secret_0123';
const simulator = new RazorpaySimulator([{ keyId: KEY_ID, keySecret: KEY_SECRET }]);
let baseUrl: string;
let connector: PaymentConnector;

function connectorAt(apiBase: string, keySecret = KEY_SECRET): PaymentConnector {
  return new RazorpayConnectorFactory(new GatewayHttpClient(), { razorpayApiBase: apiBase }).create({
    id: 'ga_razorpay',
    livemode: false,
    credentials: { key_id: KEY_ID, key_secret: keySecret },
  });
}

let attempts = 0;
function request(overrides: Partial<ConnectorAuthorizeRequest> = {}): ConnectorAuthorizeRequest {
  attempts += 1;
  return { idempotencyKey: `authorization:pi_rzp${Date.now()}:${attempts}`, livemode: false, amount: 49900, currency: 'inr', paymentMethod: 'card', captureMethod: 'automatic', ...overrides };
}

/** The customer at Razorpay Checkout; answers Checkout's handler fields, form-encoded as its callback POST sends them. */
async function payAtCheckout(orderId: string, body: Record<string, unknown> = {}): Promise<{ status: number; form: string; paymentId: string }> {
  const response = await fetch(`${baseUrl}/_simulator/checkout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key_id: KEY_ID, order_id: orderId, ...body }) });
  const answer = (await response.json()) as Record<string, string> & { error?: { metadata: { payment_id: string } } };
  return { status: response.status, form: new URLSearchParams(answer).toString(), paymentId: answer.razorpay_payment_id ?? answer.error?.metadata.payment_id ?? '' };
}

async function refusal(promise: Promise<unknown>): Promise<PayrailError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

beforeAll(async () => {
  baseUrl = await simulator.start();
  connector = connectorAt(baseUrl);
});
afterAll(() => simulator.stop());

describe('RazorpayConnector against the Razorpay simulator', () => {
  it('answers requires_action with what Checkout needs, and the same order for a retried attempt', async () => {
    const attempt = request();
    const first = (await connector.authorize(attempt)) as RazorpayAuthorizeResult;
    expect(first).toMatchObject({ outcome: 'requires_action', networkStatus: 'not_sent_to_network' });
    expect(first.nextAction).toEqual({ type: 'razorpay_checkout', key_id: KEY_ID, order_id: first.externalReference, checkout_url: `${baseUrl}/v1/checkout/embedded`, amount: 49900, currency: 'INR', method: 'card' });
    expect(first.externalReference).toMatch(/^order_/);
    const retried = (await connector.authorize(attempt)) as RazorpayAuthorizeResult;
    expect(retried.externalReference).toBe(first.externalReference);
    expect(await connector.sync(attempt)).toMatchObject({ status: 'found', amount: 49900, currency: 'inr', answer: { outcome: 'requires_action' } });
  });

  it('accepts a Checkout payment whose signature verifies, and sync tells the same', async () => {
    const attempt = request();
    const started = await connector.authorize(attempt);
    const paid = await payAtCheckout(started.externalReference!, { method: 'card', card: { number: '4111111111111111' } });
    const done = await connector.authorize({ ...attempt, paymentMethod: paid.form });
    expect(done).toMatchObject({ outcome: 'succeeded', networkStatus: 'approved_by_network', externalReference: paid.paymentId, card: { brand: 'visa', last4: '1111', funding: 'credit' } });
    // Captured at once: Razorpay's fee, GST included (2% of ₹499 is 998 paise, plus 18% GST, 180).
    expect(done.gatewayFee).toEqual({ amount: 1178, currency: 'inr' });
    expect(await connector.sync(attempt)).toMatchObject({ status: 'found', captureMethod: 'automatic', answer: { outcome: 'succeeded', externalReference: paid.paymentId, gatewayFee: { amount: 1178, currency: 'inr' } } });
  });

  it('refuses a forged Checkout signature, or a result for another order, without echoing it', async () => {
    const attempt = request();
    const started = await connector.authorize(attempt);
    const paid = await payAtCheckout(started.externalReference!);
    const forged = paid.form.replace(/razorpay_signature=[0-9a-f]+/, `razorpay_signature=${'0'.repeat(64)}`);
    const error = await refusal(connector.authorize({ ...attempt, paymentMethod: forged }));
    expect(error).toMatchObject({ code: 'parameter_invalid', param: 'payment_method', status: 400 });
    expect(error.message).not.toContain('0'.repeat(64));
    const elsewhere = await refusal(connector.authorize({ ...request(), paymentMethod: paid.form }));
    expect(elsewhere.code).toBe('parameter_invalid');
    expect((await refusal(connector.authorize(request({ paymentMethod: '4242424242424242' })))).message).not.toContain('4242');
  });

  it('authorizes by UPI for manual capture, captures the full amount once, and refuses a partial capture', async () => {
    const attempt = request({ paymentMethod: 'upi', captureMethod: 'manual', amount: 120000 });
    const started = await connector.authorize(attempt);
    await payAtCheckout(started.externalReference!, { method: 'upi', vpa: 'success@razorpay' });
    const completed = await connector.completeAuthentication({ ...attempt, authenticated: true, authorization: { externalReference: started.externalReference } });
    expect(completed).toMatchObject({ outcome: 'succeeded', externalReference: expect.stringMatching(/^pay_/) });
    // The payer Razorpay's payment entity names (`vpa`), for the charge's payment_method_details.upi.
    expect(completed.upi).toEqual({ vpa: 'success@razorpay' });
    // Authorised, not captured: Razorpay has charged nothing yet.
    expect(completed).not.toHaveProperty('gatewayFee');
    expect(await connector.sync(attempt)).toMatchObject({ status: 'found', captureMethod: 'manual', answer: { outcome: 'succeeded', upi: { vpa: 'success@razorpay' } } });
    const authorization = { externalReference: completed.externalReference, amount: 120000, currency: 'inr' };
    const partial = await refusal(connector.capture({ idempotencyKey: 'capture:1', livemode: false, amount: 50000, currency: 'inr', authorization }));
    expect(partial).toMatchObject({ code: 'parameter_invalid', param: 'amount_to_capture' });
    const capture = { idempotencyKey: 'capture:2', livemode: false, amount: 120000, currency: 'inr', authorization };
    const captured = { status: 'succeeded', externalReference: completed.externalReference, gatewayFee: { amount: 2832, currency: 'inr' } };
    expect(await connector.capture(capture)).toEqual(captured);
    expect(await connector.capture(capture)).toEqual(captured);
    expect(await connector.void({ idempotencyKey: 'void:1', livemode: false, authorization })).toMatchObject({ status: 'failed' });
  });

  it('voids an uncaptured authorization by leaving it for Razorpay to release', async () => {
    const attempt = request({ captureMethod: 'manual' });
    const started = await connector.authorize(attempt);
    const paid = await payAtCheckout(started.externalReference!);
    const authorization = { externalReference: started.externalReference, amount: 49900, currency: 'inr' };
    expect(await connector.void({ idempotencyKey: 'void:2', livemode: false, authorization })).toEqual({ status: 'succeeded', externalReference: paid.paymentId });
  });

  it('maps a declined Checkout payment to Payrail failure codes once the customer is back', async () => {
    const attempt = request();
    const started = await connector.authorize(attempt);
    expect((await payAtCheckout(started.externalReference!, { outcome: 'insufficient_funds' })).status).toBe(400);
    // The order stays payable at Checkout: the attempt is not over until the customer gives up.
    expect(await connector.sync(attempt)).toMatchObject({ status: 'found', answer: { outcome: 'requires_action' } });
    const completed = await connector.completeAuthentication({ ...attempt, authenticated: true, authorization: { externalReference: started.externalReference } });
    expect(completed).toMatchObject({ outcome: 'declined', networkStatus: 'declined_by_network', failureCode: 'card_declined', declineCode: 'insufficient_funds', failureMessage: 'Your card has insufficient funds.' });
    expect(completed).not.toHaveProperty('upi');
    // A declined UPI payment names its payer too, for the failed charge.
    const byUpi = request({ paymentMethod: 'upi' });
    const upiStarted = await connector.authorize(byUpi);
    expect((await payAtCheckout(upiStarted.externalReference!, { method: 'upi', vpa: 'failure@razorpay' })).status).toBe(400);
    const upiDeclined = await connector.completeAuthentication({ ...byUpi, authenticated: true, authorization: { externalReference: upiStarted.externalReference } });
    expect(upiDeclined).toMatchObject({ outcome: 'declined', upi: { vpa: 'failure@razorpay' } });
    const abandoned = request();
    const left = await connector.authorize(abandoned);
    expect(await connector.completeAuthentication({ ...abandoned, authenticated: false, authorization: { externalReference: left.externalReference } })).toMatchObject({
      outcome: 'declined',
      failureCode: 'payment_intent_authentication_failure',
    });
  });

  it('refunds partially, several times; a repeated refund key answers the first refund', async () => {
    const attempt = request({ amount: 10000, idempotencyKey: `authorization:pi_${'x'.repeat(40)}:${Date.now()}` });
    const started = await connector.authorize(attempt);
    const paid = await payAtCheckout(started.externalReference!);
    const authorization = { externalReference: paid.paymentId, amount: 10000, currency: 'inr' };
    const first = { idempotencyKey: `refund:re_${Date.now()}:1`, livemode: false, amount: 4000, currency: 'inr', authorization };
    const refunded = await connector.refund(first);
    expect(refunded).toMatchObject({ status: 'succeeded', externalReference: expect.stringMatching(/^rfnd_/) });
    expect(await connector.refund(first)).toEqual(refunded);
    expect(await connector.refund({ ...first, idempotencyKey: `refund:re_${Date.now()}:2`, amount: 6000 })).toMatchObject({ status: 'succeeded' });
    expect(await connector.refund({ ...first, idempotencyKey: `refund:re_${Date.now()}:3`, amount: 1 })).toMatchObject({ status: 'failed' });
    // A sync finds the first refund by its receipt and makes none.
    expect(await connector.syncRefund({ ...first, externalReference: null })).toEqual(refunded);
    await expect(connector.syncRefund({ ...first, idempotencyKey: `refund:re_never_${Date.now()}`, externalReference: null })).rejects.toMatchObject({ code: 'gateway_unavailable' });
  });

  it('tells not_found for an attempt Razorpay never saw', async () => {
    expect(await connector.sync({ idempotencyKey: 'authorization:pi_never:1', livemode: false })).toEqual({ status: 'not_found' });
  });

  it('reports refused credentials as a configuration error, and a refused connection as safe to fail over', async () => {
    const wrong = await refusal(connectorAt(baseUrl, 'the_wrong_secret_000').authorize(request()));
    expect(wrong).toMatchObject({ code: 'gateway_credentials_refused', status: 400 });
    expect(wrong.message).not.toContain('the_wrong_secret_000');
    const closed = new RazorpaySimulator();
    const closedUrl = await closed.start();
    await closed.stop();
    await expect(connectorAt(closedUrl).authorize(request())).rejects.toBeInstanceOf(GatewayUnreachableError);
  });
});
