import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { createMerchant, stripeClient, WebhookReceiver } from '@payrail/testing';

type Answer = Record<string, unknown> & {
  error?: { param?: string; code?: string };
  data?: Array<Record<string, unknown>>;
  id?: string;
  secret?: string;
  previous_secret_expires?: number;
};

/** A call to the edge as an integrator's own HTTP code makes it: form-encoded (Stripe's way) or JSON. */
async function api(key: string, method: string, path: string, body?: string | object): Promise<{ status: number; json: Answer }> {
  const json = typeof body === 'object';
  const response = await fetch(`${process.env.PAYRAIL_TEST_BASE_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded' }) },
    body: body === undefined ? undefined : json ? JSON.stringify(body) : body,
  });
  return { status: response.status, json: (await response.json()) as Answer };
}

/** The Payment Engine document's Node verifier, as written there. */
function verifyWebhookSignature(payload: string, signature: string, secret: string): boolean {
  const expectedSignature = crypto.createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
  const expectedHeader = `sha256=${expectedSignature}`;
  return signature.length === expectedHeader.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expectedHeader));
}

/** The Payment Engine document's Python verifier, as written there. */
function pythonVerifies(payload: string, signature: string, secret: string): boolean {
  const program = `import hmac, hashlib, sys, json
def verify_webhook_signature(payload, signature, secret):
    expected_signature = hmac.new(secret.encode('utf-8'), payload.encode('utf-8'), hashlib.sha256).hexdigest()
    expected_header = f"sha256={expected_signature}"
    return hmac.compare_digest(expected_header, signature)
args = json.loads(sys.stdin.read())
print('ok' if verify_webhook_signature(args['payload'], args['signature'], args['secret']) else 'refused')`;
  return execFileSync('python3', ['-c', program], { input: JSON.stringify({ payload, signature, secret }) }).toString().trim() === 'ok';
}

describe('webhook endpoints through the edge: schemes, verified by the code integrators run', () => {
  let stripe: Stripe;
  let key: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    const merchant = await createMerchant('Webhook schemes spec');
    key = merchant.secret_key;
    stripe = stripeClient(key);
  });
  afterAll(() => Promise.all(receivers.map((receiver) => receiver.stop())));

  async function endpointWith(scheme: string | undefined): Promise<{ receiver: WebhookReceiver; secret: string; id: string }> {
    const receiver = await WebhookReceiver.start();
    receivers.push(receiver);
    const params = { url: receiver.url, enabled_events: ['payment_intent.succeeded'], ...(scheme ? { signature_scheme: scheme } : {}) };
    const endpoint = await stripe.webhookEndpoints.create(params as Stripe.WebhookEndpointCreateParams);
    expect((endpoint as unknown as { signature_scheme: string }).signature_scheme).toBe(scheme ?? 'payrail');
    return { receiver, secret: endpoint.secret!, id: endpoint.id };
  }

  it('delivers one payment\'s event to four endpoints, each verifiable by its own scheme\'s verifier', async () => {
    const [payrail, stripeStyle, standard, hex] = await Promise.all([endpointWith(undefined), endpointWith('stripe'), endpointWith('standard-webhooks'), endpointWith('sha256-hex')]);
    const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const forIntent = (receiver: WebhookReceiver) => () => receiver.accepted('payment_intent.succeeded').some((delivery) => delivery.body.includes(intent.id));
    await Promise.all([payrail, stripeStyle, standard, hex].map(({ receiver }) => receiver.waitFor(forIntent(receiver), 30_000)));
    const [a, b, c, d] = [payrail, stripeStyle, standard, hex].map(({ receiver }) => receiver.accepted('payment_intent.succeeded').find((delivery) => delivery.body.includes(intent.id))!);

    expect(stripe.webhooks.constructEvent(a.body, a.headers['payments-signature'] as string, payrail.secret).type).toBe('payment_intent.succeeded');
    // The Stripe guide's handler, unchanged: stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], endpointSecret).
    expect(stripe.webhooks.constructEvent(b.body, b.headers['stripe-signature'] as string, stripeStyle.secret).data.object).toMatchObject({ id: intent.id });
    expect(new Webhook(standard.secret).verify(c.body, c.headers as Record<string, string>)).toMatchObject({ type: 'payment_intent.succeeded' });
    expect(verifyWebhookSignature(d.body, d.headers['x-webhook-signature'] as string, hex.secret)).toBe(true);
    expect(pythonVerifies(d.body, d.headers['x-webhook-signature'] as string, hex.secret)).toBe(true);
    expect(pythonVerifies(d.body, d.headers['x-webhook-signature'] as string, stripeStyle.secret)).toBe(false);
  });

  it('takes retry_schedule and enabled_events form-encoded or as JSON, and refuses bad ones with a 400 naming the parameter', async () => {
    const form = await api(key, 'POST', '/v1/webhook_endpoints', 'url=https://example.com/hooks&enabled_events[]=transaction.completed&enabled_events[]=charge.dispute.closed&retry_schedule[]=60&retry_schedule[]=300&retry_schedule[]=900&api_version=2026-01-01');
    expect(form).toMatchObject({ status: 200, json: { enabled_events: ['transaction.completed', 'charge.dispute.closed'], retry_schedule: [60, 300, 900], api_version: '2026-01-01', signature_scheme: 'payrail' } });
    const json = await api(key, 'POST', '/v1/webhook_endpoints', { url: 'https://example.com/hooks', enabled_events: ['*'], retry_schedule: [30, 120] });
    expect(json).toMatchObject({ status: 200, json: { retry_schedule: [30, 120] } });

    const refusals: Array<[string | object, string]> = [
      ['url=https://example.com/h&enabled_events[]=charge.exploded', 'enabled_events'],
      ['url=https://example.com/h&enabled_events[]=*&signature_scheme=svix', 'signature_scheme'],
      ['url=https://example.com/h&enabled_events[]=*&retry_schedule[]=0', 'retry_schedule'],
      ['url=https://example.com/h&enabled_events[]=*&retry_schedule[]=soon', 'retry_schedule'],
      ['url=https://example.com/h&enabled_events[]=*&api_version=1999-01-01', 'api_version'],
      [{ url: 'https://example.com/h', enabled_events: ['*'], retry_schedule: Array(21).fill(60) }, 'retry_schedule'],
    ];
    for (const [body, param] of refusals) {
      const refused = await api(key, 'POST', '/v1/webhook_endpoints', body);
      expect([body, refused.status, refused.json.error?.param]).toEqual([body, 400, param]);
    }
    const listed = await stripe.webhookEndpoints.list({ limit: 100 });
    expect(listed.data.filter((endpoint) => endpoint.url === 'https://example.com/h')).toEqual([]);
  });
});

describe('webhook endpoints through the edge: update, rotation, the attempt log, resend and test events', () => {
  let stripe: Stripe;
  let key: string;
  let otherKey: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    const [mine, theirs] = await Promise.all([createMerchant('Webhook management spec'), createMerchant('Webhook management spec (other)')]);
    key = mine.secret_key;
    otherKey = theirs.secret_key;
    stripe = stripeClient(key);
    receiver = await WebhookReceiver.start();
  });
  afterAll(() => receiver.stop());

  it('updates, rotates with an overlap, lists attempts, resends and tests; another merchant sees none of it', async () => {
    const created = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['charge.failed'], metadata: { team: 'ops' } });
    const updated = await api(key, 'POST', `/v1/webhook_endpoints/${created.id}`, 'enabled_events[]=payment_intent.succeeded&description=orders&metadata[region]=eu');
    expect(updated).toMatchObject({ status: 200, json: { enabled_events: ['payment_intent.succeeded'], description: 'orders', metadata: { team: 'ops', region: 'eu' }, status: 'enabled' } });
    expect(await api(key, 'POST', `/v1/webhook_endpoints/${created.id}`, 'enabled_events[]=payment_intent.exploded')).toMatchObject({ status: 400, json: { error: { param: 'enabled_events' } } });

    const rotated = await api(key, 'POST', `/v1/webhook_endpoints/${created.id}/rotate_secret`, 'expires_in=600');
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.previous_secret_expires).toBeGreaterThan(Date.now() / 1000);

    const intent = await stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await receiver.waitFor((r) => r.accepted('payment_intent.succeeded').some((delivery) => delivery.body.includes(intent.id)), 30_000);
    const delivered = receiver.accepted('payment_intent.succeeded').find((delivery) => delivery.body.includes(intent.id))!;
    for (const secret of [created.secret!, rotated.json.secret!]) {
      expect(stripe.webhooks.constructEvent(delivered.body, delivered.headers['payments-signature'] as string, secret).data.object).toMatchObject({ id: intent.id });
    }
    const eventId = JSON.parse(delivered.body).id as string;

    let log = await api(key, 'GET', `/v1/webhook_endpoints/${created.id}/deliveries?limit=10`);
    for (let tries = 0; log.json.data?.[0]?.status !== 'succeeded' && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      log = await api(key, 'GET', `/v1/webhook_endpoints/${created.id}/deliveries?limit=10`);
    }
    expect(log).toMatchObject({ status: 200, json: { object: 'list', has_more: false, data: [{ object: 'webhook_delivery', event: eventId, status: 'succeeded', attempt_count: 1 }] } });
    expect(log.json.data![0].attempts).toEqual([
      { attempt: 1, status: 'succeeded', response_status_code: 200, response_body: '{"received":true}', latency_ms: expect.any(Number), error: null, created: expect.any(Number) },
    ]);
    const byEvent = await api(key, 'GET', `/v1/events/${eventId}/deliveries`);
    expect(byEvent.json.data!.map((delivery) => delivery.id)).toEqual([log.json.data![0].id]);

    const resent = await api(key, 'POST', `/v1/events/${eventId}/resend`, `webhook_endpoint=${created.id}`);
    expect(resent).toMatchObject({ status: 200, json: { id: eventId, object: 'event' } });
    await receiver.waitFor((r) => r.accepted('payment_intent.succeeded').filter((delivery) => delivery.body.includes(intent.id)).length === 2, 30_000);

    const tested = await api(key, 'POST', `/v1/webhook_endpoints/${created.id}/test`);
    expect(tested).toMatchObject({ status: 200, json: { object: 'event', type: 'payrail.test' } });
    await receiver.waitFor((r) => r.accepted('payrail.test').length === 1, 30_000);
    const [test] = receiver.accepted('payrail.test');
    expect(stripe.webhooks.constructEvent(test.body, test.headers['payments-signature'] as string, rotated.json.secret!).id).toBe(tested.json.id);

    for (const [method, path] of [
      ['GET', `/v1/webhook_endpoints/${created.id}/deliveries`],
      ['GET', `/v1/events/${eventId}/deliveries`],
      ['POST', `/v1/events/${eventId}/resend`],
      ['POST', `/v1/webhook_endpoints/${created.id}/test`],
      ['POST', `/v1/webhook_endpoints/${created.id}/rotate_secret`],
      ['POST', `/v1/webhook_endpoints/${created.id}`],
    ]) {
      const refused = await api(otherKey, method, path, path.endsWith(created.id) ? 'description=mine' : undefined);
      expect([path, refused.status, refused.json.error?.code]).toEqual([path, 404, 'resource_missing']);
    }

    const disabled = await api(key, 'POST', `/v1/webhook_endpoints/${created.id}`, 'disabled=true');
    expect(disabled).toMatchObject({ status: 200, json: { status: 'disabled' } });
    expect(await api(key, 'POST', `/v1/webhook_endpoints/${created.id}`, 'disabled=false')).toMatchObject({ status: 200, json: { status: 'enabled' } });
  });
});
