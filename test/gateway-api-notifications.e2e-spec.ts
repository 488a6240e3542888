import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

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
    await receiver.waitFor(() => notifications(transaction).some((notice) => notice.event === 'payment.disputed'));
    expect(notifications(transaction).map((notice) => notice.event).sort()).toEqual(['payment.disputed', 'payment.success']);
    expect(notifications(transaction).find((notice) => notice.event === 'payment.disputed')).toMatchObject({ status: 'disputed', gateway_ref: expect.stringMatching(/^ch_/) });
    expect(notifications(without.body.data!.transaction_id)).toEqual([]);
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
