import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Razorpay from 'razorpay';
import razorpayUtils from 'razorpay/dist/utils/razorpay-utils.js';
import type { RazorpayErrorBody } from '../razorpay-wire.js';
import { RazorpaySimulator } from './razorpay-simulator.js';

/** The official Razorpay SDK as the client: if it reads our answers, the simulator speaks Razorpay. */
const KEY_ID = 'rzp_test_SimulatorKey01';
const KEY_SECRET = 'simulator_secret_0123456789';
const OTHER_KEY_ID = 'rzp_test_OtherMerchant1';

const simulator = new RazorpaySimulator([
  { keyId: KEY_ID, keySecret: KEY_SECRET },
  { keyId: OTHER_KEY_ID, keySecret: 'other_secret_0123456789' },
]);
let baseUrl: string;

function sdk(keyId = KEY_ID, keySecret = KEY_SECRET): Razorpay {
  const client = new Razorpay({ key_id: keyId, key_secret: keySecret });
  // The SDK hard-codes https://api.razorpay.com; its axios instance is pointed at the simulator instead.
  (client.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = baseUrl;
  return client;
}

async function checkout(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/_simulator/checkout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key_id: KEY_ID, ...body }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The SDK rejects with `{statusCode, error}`, `error` being Razorpay's envelope content. */
async function sdkError(promise: Promise<unknown>): Promise<{ statusCode: number; error: RazorpayErrorBody['error'] }> {
  const caught = await promise.then(() => undefined, (error: unknown) => error);
  expect(caught).toBeDefined();
  return caught as { statusCode: number; error: RazorpayErrorBody['error'] };
}

let receipts = 0;
function receipt(): string {
  receipts += 1;
  return `rcpt_${Date.now()}_${receipts}`;
}

beforeAll(async () => {
  baseUrl = await simulator.start();
});
afterAll(() => simulator.stop());

describe('Razorpay simulator, driven by the official razorpay SDK', () => {
  it('creates an order in paise with Razorpay fields and fetches it back', async () => {
    const client = sdk();
    const order = await client.orders.create({ amount: 50000, currency: 'INR', receipt: receipt(), notes: { cart: 'c_1' } });
    expect(order).toMatchObject({ entity: 'order', amount: 50000, amount_paid: 0, amount_due: 50000, currency: 'INR', status: 'created', attempts: 0, notes: { cart: 'c_1' } });
    expect(order.id).toMatch(/^order_[A-Za-z0-9]{14}$/);
    expect(Number.isInteger(order.created_at) && Math.abs(order.created_at - Date.now() / 1000) < 60).toBe(true);
    expect(await client.orders.fetch(order.id)).toEqual(order);
  });

  it('answers a repeated receipt with the same order, and finds orders by receipt', async () => {
    const client = sdk();
    const shared = receipt();
    const first = await client.orders.create({ amount: 1000, currency: 'INR', receipt: shared });
    const again = await client.orders.create({ amount: 1000, currency: 'INR', receipt: shared });
    expect(again.id).toBe(first.id);
    const found = await client.orders.all({ receipt: shared });
    expect(found.items.map((order) => order.id)).toEqual([first.id]);
  });

  it('pays an order at Checkout with a signature the SDK verifies, auto-capturing by default', async () => {
    const client = sdk();
    const order = await client.orders.create({ amount: 2500, currency: 'INR', receipt: receipt() });
    const paid = await checkout({ order_id: order.id, method: 'card', card: { number: '4111 1111 1111 1111' } });
    expect(paid.status).toBe(200);
    const { razorpay_order_id, razorpay_payment_id, razorpay_signature } = paid.body as Record<string, string>;
    expect(razorpay_order_id).toBe(order.id);
    expect(razorpayUtils.validatePaymentVerification({ order_id: razorpay_order_id, payment_id: razorpay_payment_id }, razorpay_signature, KEY_SECRET)).toBe(true);
    expect(razorpayUtils.validatePaymentVerification({ order_id: razorpay_order_id, payment_id: razorpay_payment_id }, razorpay_signature, 'another_secret')).toBe(false);

    const payment = await client.payments.fetch(razorpay_payment_id);
    expect(payment).toMatchObject({ entity: 'payment', amount: 2500, currency: 'INR', status: 'captured', captured: true, method: 'card', order_id: order.id });
    // Razorpay's fee includes its GST: 2% of 2500 is 50, GST 18% of that is 9, so fee 59 of which tax 9.
    expect(payment).toMatchObject({ fee: 59, tax: 9 });
    expect(payment.card).toMatchObject({ last4: '1111', network: 'Visa' });
    expect(JSON.stringify(payment)).not.toContain('4111111111111111');
    expect(await client.orders.fetch(order.id)).toMatchObject({ status: 'paid', amount_paid: 2500, amount_due: 0, attempts: 1 });
    const payments = await client.orders.fetchPayments(order.id);
    expect(payments).toMatchObject({ entity: 'collection', count: 1, items: [{ id: razorpay_payment_id }] });
  });

  it('leaves a manual-capture payment authorized until captured for its amount and currency', async () => {
    const client = sdk();
    const order = await client.orders.create({ amount: 7000, currency: 'INR', receipt: receipt(), payment_capture: false });
    const paid = await checkout({ order_id: order.id, method: 'upi', vpa: 'success@razorpay' });
    const paymentId = (paid.body as Record<string, string>).razorpay_payment_id;
    expect(await client.payments.fetch(paymentId)).toMatchObject({ status: 'authorized', captured: false, method: 'upi', vpa: 'success@razorpay', fee: null, tax: null });
    expect(await client.orders.fetch(order.id)).toMatchObject({ status: 'attempted', amount_paid: 0 });

    const partial = await sdkError(client.payments.capture(paymentId, 5000, 'INR'));
    expect(partial).toMatchObject({ statusCode: 400, error: { code: 'BAD_REQUEST_ERROR', field: 'amount', reason: 'input_validation_failed' } });
    const captured = await client.payments.capture(paymentId, 7000, 'INR');
    expect(captured).toMatchObject({ id: paymentId, status: 'captured', captured: true, fee: 165, tax: 25 });
    const twice = await sdkError(client.payments.capture(paymentId, 7000, 'INR'));
    expect(twice.error.description).toBe('This payment has already been captured');
    expect(await client.orders.fetch(order.id)).toMatchObject({ status: 'paid' });
  });

  it('releases an authorization nobody captured, as Razorpay does after five days', async () => {
    const client = sdk();
    const order = await client.orders.create({ amount: 2000, currency: 'INR', receipt: receipt(), payment_capture: false });
    const paymentId = ((await checkout({ order_id: order.id })).body as Record<string, string>).razorpay_payment_id;
    const released = await fetch(`${baseUrl}/_simulator/payments/${paymentId}/release`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key_id: KEY_ID }) });
    expect(released.status).toBe(200);
    expect(await client.payments.fetch(paymentId)).toMatchObject({ status: 'refunded', captured: false, amount_refunded: 2000, refund_status: 'full' });
    expect((await sdkError(client.payments.capture(paymentId, 2000, 'INR'))).statusCode).toBe(400);
  });

  it('refunds partially, several times, up to the amount captured', async () => {
    const client = sdk();
    const order = await client.orders.create({ amount: 10000, currency: 'INR', receipt: receipt() });
    const paymentId = ((await checkout({ order_id: order.id })).body as Record<string, string>).razorpay_payment_id;
    const first = await client.payments.refund(paymentId, { amount: 3000, notes: { why: 'damaged' } });
    expect(first).toMatchObject({ entity: 'refund', amount: 3000, currency: 'INR', payment_id: paymentId, status: 'processed', speed_processed: 'normal', notes: { why: 'damaged' } });
    expect(first.id).toMatch(/^rfnd_/);
    expect(await client.payments.fetch(paymentId)).toMatchObject({ status: 'captured', amount_refunded: 3000, refund_status: 'partial' });
    const tooMuch = await sdkError(client.payments.refund(paymentId, { amount: 8000 }));
    expect(tooMuch).toMatchObject({ statusCode: 400, error: { code: 'BAD_REQUEST_ERROR', field: 'amount' } });
    const rest = await client.payments.refund(paymentId, {});
    expect(rest.amount).toBe(7000);
    expect(await client.payments.fetch(paymentId)).toMatchObject({ status: 'refunded', amount_refunded: 10000, refund_status: 'full' });
    expect(await client.refunds.fetch(first.id)).toEqual(first);
    const listed = await client.payments.fetchMultipleRefund(paymentId);
    expect(listed.items.map((refund) => refund.id).sort()).toEqual([first.id, rest.id].sort());
  });

  it('records a declined Checkout payment with Razorpay error fields', async () => {
    const client = sdk();
    const order = await client.orders.create({ amount: 4000, currency: 'INR', receipt: receipt() });
    const declined = await checkout({ order_id: order.id, method: 'card', outcome: 'insufficient_funds' });
    expect(declined.status).toBe(400);
    const error = (declined.body as unknown as RazorpayErrorBody).error;
    expect(error).toMatchObject({ code: 'BAD_REQUEST_ERROR', reason: 'insufficient_funds', source: 'customer', step: 'payment_authorization', metadata: { order_id: order.id } });
    const payment = await client.payments.fetch(error.metadata['payment_id']);
    expect(payment).toMatchObject({ status: 'failed', error_code: 'BAD_REQUEST_ERROR', error_reason: 'insufficient_funds', error_source: 'customer' });
    expect(await client.orders.fetch(order.id)).toMatchObject({ status: 'attempted', attempts: 1 });
    const upi = await checkout({ order_id: order.id, method: 'upi', vpa: 'failure@razorpay' });
    expect((upi.body as unknown as RazorpayErrorBody).error.reason).toBe('authorisation_declined_by_psp');
  });

  it('refuses bad input with 400 and Razorpay error bodies, as the SDK surfaces them', async () => {
    const client = sdk();
    expect(await sdkError(client.orders.create({ currency: 'INR' } as never))).toMatchObject({ statusCode: 400, error: { code: 'BAD_REQUEST_ERROR', field: 'amount', source: 'business', step: 'payment_initiation', reason: 'input_validation_failed', metadata: {} } });
    expect((await sdkError(client.orders.create({ amount: 50, currency: 'INR' }))).error.description).toBe('The amount must be atleast INR 1.00');
    expect((await sdkError(client.orders.create({ amount: 500, currency: 'INR', receipt: 'r'.repeat(41) }))).error.field).toBe('receipt');
    expect(await sdkError(client.payments.fetch('pay_DoesNotExist00'))).toMatchObject({ statusCode: 400, error: { description: 'The id provided does not exist' } });
    expect((await sdkError(client.refunds.fetch('rfnd_DoesNotExist0'))).statusCode).toBe(400);
  });

  it('answers 401 with Razorpay error body to a wrong secret or unknown key, and keeps accounts apart', async () => {
    const wrong = await sdkError(sdk(KEY_ID, 'not_the_secret').orders.create({ amount: 1000, currency: 'INR' }));
    expect(wrong).toMatchObject({ statusCode: 401, error: { code: 'BAD_REQUEST_ERROR', description: 'The api key provided is invalid' } });
    expect((await sdkError(sdk('rzp_test_Unknown000000', KEY_SECRET).orders.all())).statusCode).toBe(401);
    const mine = await sdk().orders.create({ amount: 1000, currency: 'INR', receipt: receipt() });
    expect((await sdkError(sdk(OTHER_KEY_ID, 'other_secret_0123456789').orders.fetch(mine.id))).statusCode).toBe(400);
  });

  it('sends webhooks signed over the raw body, which the SDK verifies', async () => {
    const received: Array<{ body: string; signature: string | undefined }> = [];
    const receiver: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: request.headers['x-razorpay-signature'] as string | undefined });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const client = sdk();
      const order = await client.orders.create({ amount: 3000, currency: 'INR', receipt: receipt() });
      const paymentId = ((await checkout({ order_id: order.id })).body as Record<string, string>).razorpay_payment_id;
      const refund = await client.payments.refund(paymentId, { amount: 1000 });
      const send = (body: Record<string, unknown>) =>
        fetch(`${baseUrl}/_simulator/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key_id: KEY_ID, url, secret: 'whsec_razorpay', ...body }) });
      expect((await send({ event: 'payment.captured', payment_id: paymentId })).status).toBe(200);
      expect((await send({ event: 'refund.processed', refund_id: refund.id })).status).toBe(200);
      expect((await send({ event: 'payment.dispute.created', payment_id: paymentId })).status).toBe(200);
      expect((await send({ event: 'payment.bogus', payment_id: paymentId })).status).toBe(400);

      expect(received).toHaveLength(3);
      for (const { body, signature } of received) {
        expect(Razorpay.validateWebhookSignature(body, signature!, 'whsec_razorpay')).toBe(true);
        expect(Razorpay.validateWebhookSignature(body, signature!, 'another_secret')).toBe(false);
      }
      const [captured, refunded, disputed] = received.map(({ body }) => JSON.parse(body) as Record<string, unknown>);
      expect(captured).toMatchObject({ entity: 'event', event: 'payment.captured', contains: ['payment'], payload: { payment: { entity: { id: paymentId, status: 'captured' } } } });
      expect(refunded).toMatchObject({ event: 'refund.processed', contains: ['refund', 'payment'], payload: { refund: { entity: { id: refund.id, amount: 1000 } } } });
      expect(disputed).toMatchObject({ event: 'payment.dispute.created', contains: ['payment', 'dispute'], payload: { dispute: { entity: { entity: 'dispute', payment_id: paymentId, status: 'open' } } } });
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('Razorpay simulator: Hosted Checkout, as a browser posts to it', () => {
  const form = (path: string, fields: Record<string, string>) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  /** The fields of the auto-submitting form the simulated page sends back, and where it goes. */
  function callbackOf(html: string): { action: string; fields: Record<string, string> } {
    const action = /<form method="post" action="([^"]+)" id="razorpay-callback">/.exec(html)?.[1] ?? '';
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1].replace(/&#93;/g, ']').replace(/&#91;/g, '['), match[2]]));
    return { action, fields };
  }

  it('shows the order for key_id and order_id, then posts the signed result to callback_url; a declined UPI ID posts the error fields', async () => {
    const order = await sdk().orders.create({ amount: 49900, currency: 'INR', receipt: receipt() });
    const opened = { key_id: KEY_ID, order_id: order.id, name: 'Shop', callback_url: 'https://shop.example/back?x=1', cancel_url: 'https://shop.example/cancel', 'prefill[method]': 'upi' };
    const page = await form('/v1/checkout/embedded', opened);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('INR 499.00');
    expect(html).toContain('href="https://shop.example/cancel"');
    expect(html).not.toContain(KEY_SECRET);

    const declined = callbackOf(await (await form('/v1/checkout/embedded/pay', { ...opened, method: 'upi', vpa: 'failure@razorpay' })).text());
    expect(declined.action).toBe('https://shop.example/back?x=1');
    expect(declined.fields).toMatchObject({ 'error[code]': 'BAD_REQUEST_ERROR', 'error[reason]': 'authorisation_declined_by_psp', 'error[metadata][order_id]': order.id });
    expect(declined.fields['error[metadata][payment_id]']).toMatch(/^pay_/);

    const paid = callbackOf(await (await form('/v1/checkout/embedded/pay', { ...opened, method: 'upi', vpa: 'success@razorpay' })).text());
    expect(Object.keys(paid.fields).sort()).toEqual(['razorpay_order_id', 'razorpay_payment_id', 'razorpay_signature']);
    expect(razorpayUtils.validatePaymentVerification({ order_id: order.id, payment_id: paid.fields['razorpay_payment_id'] }, paid.fields['razorpay_signature'], KEY_SECRET)).toBe(true);
    expect((await sdk().orders.fetch(order.id)).status).toBe('paid');
    // A paid order opens no second payment.
    expect((await form('/v1/checkout/embedded', opened)).status).toBe(400);
  });

  it('refuses an unknown key, an unknown order or a missing callback_url on a page, never as JSON', async () => {
    const order = await sdk().orders.create({ amount: 10000, currency: 'INR', receipt: receipt() });
    const unknownKey = await form('/v1/checkout/embedded', { key_id: 'rzp_test_Nobody0000', order_id: order.id, callback_url: 'https://shop.example/back' });
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.headers.get('content-type')).toContain('text/html');
    expect((await form('/v1/checkout/embedded', { key_id: KEY_ID, order_id: 'order_Nope', callback_url: 'https://shop.example/back' })).status).toBe(400);
    expect((await form('/v1/checkout/embedded', { key_id: KEY_ID, order_id: order.id, callback_url: 'javascript:alert(1)' })).status).toBe(400);
  });
});
