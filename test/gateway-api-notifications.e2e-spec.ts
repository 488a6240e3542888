import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createMerchant,
  gatewayApiRequest,
  payHostedPageWithoutScripts,
  signingCredentialsOf,
  WebhookReceiver,
  type MerchantCredentials,
  type ReceivedWebhook,
  type SigningCredentials,
} from '@payrail/testing';

import { DarajaSimulator } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/daraja-simulator.js';
import { TEST_PHONES } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/test-phones.js';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const DARAJA = { consumerKey: `ck${randomBytes(8).toString('hex')}`, consumerSecret: `cs${randomBytes(12).toString('hex')}`, shortcode: '174379', passkey: randomBytes(24).toString('hex') };

/** The payment page as it stands: the form's hidden fields and the cookie its CSRF token is bound to. */
async function openPaymentPage(url: string): Promise<{ cookie: string; csrf: string; attempt: number }> {
  const page = await fetch(url);
  const html = await page.text();
  return {
    cookie: page.headers.get('set-cookie')?.split(';')[0] ?? '',
    csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
    attempt: Number(/name="attempt" value="(\d+)"/.exec(html)?.[1] ?? -1),
  };
}

/** Pays the page with M-Pesa as a browser without scripts would: the customer's phone is prompted. */
async function payWithMpesa(url: string, phone: string): Promise<{ status: number; attempt: number }> {
  const { cookie, csrf, attempt } = await openPaymentPage(url);
  const form = new URLSearchParams({ csrf, attempt: String(attempt), method: 'mpesa', mpesa_phone: phone });
  const response = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: form.toString() });
  return { status: response.status, attempt };
}

interface Notification {
  event: string;
  transaction_id: string;
  order_id: string;
  amount: number;
  currency: string;
  status: string;
  gateway_ref: string | null;
  refunded_amount?: number;
  timestamp: string;
}

/**
 * What an integrator of the gateway API document does with a notification: the document's signature
 * (`hash_hmac('sha256', $method . "\n" . $path . "\n" . $timestamp . "\n" . $nonce . "\n" . $body, $secret_key)`)
 * over the request it received, compared with X-API-SIGNATURE.
 */
function verifiedAsTheDocumentSays(delivery: ReceivedWebhook, path: string, credentials: SigningCredentials): Notification {
  const header = (name: string) => String(delivery.headers[name.toLowerCase()]);
  expect(header('X-API-KEY')).toBe(credentials.key);
  const payload = `POST\n${path}\n${header('X-API-TIMESTAMP')}\n${header('X-API-NONCE')}\n${delivery.body}`;
  const expected = Buffer.from(createHmac('sha256', credentials.secret).update(payload).digest('hex'));
  const given = Buffer.from(header('X-API-SIGNATURE'));
  expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
  expect(Math.abs(Number(header('X-API-TIMESTAMP')) - Date.now() / 1000)).toBeLessThan(300);
  return JSON.parse(delivery.body) as Notification;
}

describe('the gateway API document\'s per-payment webhook_url', () => {
  let merchant: MerchantCredentials;
  let signing: SigningCredentials;
  let receiver: WebhookReceiver;
  let path: string;
  const run = randomBytes(4).toString('hex');
  const call = <D>(method: string, route: string, payload?: unknown) => gatewayApiRequest<D>(baseUrl, signing, method, route, payload);
  const order = (suffix: string) => ({
    order_id: `ORD-${run}-${suffix}`,
    amount: 1500.0,
    currency: 'INR',
    customer_name: 'Rahul Kumar',
    customer_email: 'rahul@example.com',
    return_url: 'https://client.com/success',
    webhook_url: receiver.url,
  });
  const notifications = (transaction: string) =>
    receiver.received.filter((delivery) => delivery.status === 200).map((delivery) => verifiedAsTheDocumentSays(delivery, path, signing)).filter((notice) => notice.transaction_id === transaction);

  beforeAll(async () => {
    merchant = await createMerchant('Gateway notifications shop');
    signing = signingCredentialsOf(merchant);
    receiver = await WebhookReceiver.start();
    path = new URL(receiver.url).pathname;
  });

  afterAll(() => receiver.stop());

  it('sends payment.success, retried after a failure, then payment.refunded, in the document\'s payload and signature', async () => {
    const created = await call<{ transaction_id: string; payment_url: string }>('POST', '/api/v1/pay', order('paid'));
    expect(created.status).toBe(201);
    const { transaction_id: transaction, payment_url: paymentUrl } = created.body.data!;
    receiver.failNext(1);
    expect((await payHostedPageWithoutScripts(paymentUrl, '4242424242424242')).status).toBe(303);
    await receiver.waitFor(() => notifications(transaction).some((notice) => notice.event === 'payment.success'));
    const refused = receiver.received.filter((delivery) => delivery.status === 500);
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!.body)).toMatchObject({ event: 'payment.success', transaction_id: transaction });
    const [success] = notifications(transaction);
    expect(success).toEqual({
      event: 'payment.success',
      transaction_id: transaction,
      order_id: `ORD-${run}-paid`,
      amount: 1500,
      currency: 'INR',
      status: 'success',
      gateway_ref: expect.stringMatching(/^pi_/),
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });

    const refund = await call('POST', '/api/v1/refund', { transaction_id: transaction, amount: 500.0, reason: 'Customer request' });
    expect(refund.status).toBe(201);
    await receiver.waitFor(() => notifications(transaction).some((notice) => notice.event === 'payment.refunded'));
    expect(notifications(transaction).find((notice) => notice.event === 'payment.refunded')).toMatchObject({
      order_id: `ORD-${run}-paid`,
      amount: 1500,
      refunded_amount: 500,
      currency: 'INR',
      status: 'refunded',
      gateway_ref: expect.stringMatching(/^ch_/),
    });
  });

  it('sends payment.disputed for a payment the customer disputes, and nothing of another payment', async () => {
    const withHook = await call<{ transaction_id: string; payment_url: string }>('POST', '/api/v1/pay', order('disputed'));
    const { webhook_url: _none, ...withoutHookOrder } = order('silent');
    const without = await call<{ transaction_id: string; payment_url: string }>('POST', '/api/v1/pay', withoutHookOrder);
    await payHostedPageWithoutScripts(without.body.data!.payment_url, '4000000000000259');
    await payHostedPageWithoutScripts(withHook.body.data!.payment_url, '4000000000000259');
    const transaction = withHook.body.data!.transaction_id;
    // Two notifications of one payment are two deliveries: either may arrive first.
    await receiver.waitFor(() => ['payment.disputed', 'payment.success'].every((event) => notifications(transaction).some((notice) => notice.event === event)));
    expect(notifications(transaction).map((notice) => notice.event).sort()).toEqual(['payment.disputed', 'payment.success']);
    expect(notifications(transaction).find((notice) => notice.event === 'payment.disputed')).toMatchObject({ status: 'disputed', gateway_ref: expect.stringMatching(/^ch_/) });
    expect(notifications(without.body.data!.transaction_id)).toEqual([]);
  });

  it('sends payment.pending each time the customer is prompted on their phone (M-Pesa), then payment.success', async () => {
    const daraja = new DarajaSimulator([DARAJA], { callbackDelayMs: 300 });
    const simulatorUrl = await daraja.start();
    try {
      const account = await fetch(`${baseUrl}/v1/gateway_accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          gateway: 'mpesa',
          'credentials[consumer_key]': DARAJA.consumerKey,
          'credentials[consumer_secret]': DARAJA.consumerSecret,
          'credentials[shortcode]': DARAJA.shortcode,
          'credentials[passkey]': DARAJA.passkey,
          'credentials[environment]': 'sandbox',
          'credentials[api_base]': simulatorUrl,
        }).toString(),
      });
      expect(account.status).toBe(200);
      const created = await call<{ transaction_id: string; payment_url: string }>('POST', '/api/v1/pay', { ...order('mpesa'), currency: 'KES', customer_phone: '0708374149' });
      expect(created.status).toBe(201);
      const { transaction_id: transaction, payment_url: paymentUrl } = created.body.data!;
      const events = () => notifications(transaction).map((notice) => notice.event);

      // The customer declines the first prompt: that attempt was pending, then the page offers another.
      const first = await payWithMpesa(paymentUrl, TEST_PHONES.cancelled);
      expect(first.status).toBe(200);
      await receiver.waitFor(() => events().includes('payment.pending'));
      const deadline = Date.now() + 20_000;
      while ((await openPaymentPage(paymentUrl)).attempt <= first.attempt && Date.now() < deadline) await sleep(200);

      expect((await payWithMpesa(paymentUrl, '0708374149')).status).toBe(200);
      await receiver.waitFor(() => events().includes('payment.success'));
      expect(events()).toEqual(['payment.pending', 'payment.pending', 'payment.success']);
      const [pending, again, success] = notifications(transaction);
      expect(pending).toEqual({
        event: 'payment.pending',
        transaction_id: transaction,
        order_id: `ORD-${run}-mpesa`,
        amount: 1500,
        currency: 'KES',
        status: 'pending',
        gateway_ref: expect.stringMatching(/^pi_/),
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      });
      expect(again).toMatchObject({ event: 'payment.pending', gateway_ref: pending!.gateway_ref });
      expect(success).toMatchObject({ event: 'payment.success', status: 'success', gateway_ref: pending!.gateway_ref });
    } finally {
      await daraja.stop();
    }
  });

  it('keeps the per-payment destinations out of the merchant\'s webhook endpoints, and refuses a forbidden one before creating anything', async () => {
    const endpoints = await fetch(`${baseUrl}/v1/webhook_endpoints?limit=100`, { headers: { authorization: `Bearer ${merchant.secret_key}` } });
    expect(((await endpoints.json()) as { data: unknown[] }).data).toEqual([]);

    const metadataHost = await call('POST', '/api/v1/pay', { ...order('forbidden'), webhook_url: 'https://169.254.169.254/webhook' });
    expect(metadataHost).toMatchObject({ status: 422, body: { success: false, message: 'Validation failed', errors: { webhook_url: [expect.any(String)] } } });
    // The order id was not used up: the corrected request goes through.
    expect((await call('POST', '/api/v1/pay', order('forbidden'))).status).toBe(201);
  });

  it('asks for HTTPS in live mode, before anything is created', async () => {
    const live = await createMerchant('Gateway notifications live', { live: true });
    const created = await fetch(`${baseUrl}/v1/signing_keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${live.live_secret_key!}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'livemode=true',
    });
    const key = (await created.json()) as { id: string; secret: string; livemode: boolean };
    expect(key.livemode).toBe(true);
    const plain = await gatewayApiRequest(baseUrl, { key: key.id, secret: key.secret }, 'POST', '/api/v1/pay', { ...order('live'), webhook_url: 'http://client.example/webhook' });
    expect(plain).toMatchObject({ status: 422, body: { success: false, errors: { webhook_url: ['webhook_url must be an HTTPS URL'] } } });
  });
});
