import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Patterns, Topics } from '@payrail/contracts';
import {
  isolatedRuntimeEnv,
  OtlpReceiver,
  OtlpSpanKind,
  startAllInOne,
  startStripeMock,
  stopProcess,
  stripeClient,
  WebhookReceiver,
  type PlatformUnderTest,
  type ReceivedSpan,
  type StripeMock,
} from '@payrail/testing';

const VISA = '4242424242424242';
const CVC = '737';

/**
 * A payment on a platform that exports traces by OTLP/HTTP to a receiver of the spec's own: the caller's
 * `traceparent` is continued by the edge, carried over the bus into payments and gateway-connectors (whose
 * call to Stripe, stripe-mock here, is a span), through payments' outbox into webhook-dispatch, whose
 * delivery attempt is a span of the same trace.
 */
describe('traces of a payment, exported by OTLP/HTTP', () => {
  let otlp: OtlpReceiver;
  let webhooks: WebhookReceiver;
  let stripeMock: StripeMock;
  let platform: (PlatformUnderTest & { dataDir: string }) | undefined;

  beforeAll(async () => {
    [otlp, webhooks, stripeMock] = await Promise.all([OtlpReceiver.start(), WebhookReceiver.start(), startStripeMock()]);
    platform = await startAllInOne('platform-tracing', {
      ...(await isolatedRuntimeEnv('tracing')),
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      PAYRAIL_STRIPE_API_BASE: stripeMock.url,
    });
  }, 120_000);
  afterAll(async () => {
    if (platform) await Promise.all(platform.processes.map((child) => stopProcess(child)));
    await Promise.all([otlp?.stop(), webhooks?.stop(), stripeMock?.stop()]);
  });

  it('puts the edge, payments, the gateway call and the webhook delivery in the caller\'s trace, parented hop by hop, with no card data or secret in any span', async () => {
    const credentials = JSON.parse(await readFile(join(platform!.dataDir, 'sandbox-credentials.json'), 'utf8')) as { secret_key: string };
    const stripe = stripeClient(credentials.secret_key, platform!.baseUrl);
    const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) => fetch(`${platform!.baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${credentials.secret_key}`, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });

    const stripeSecretKey = `sk_test_${randomBytes(12).toString('hex')}`;
    expect((await post('/v1/gateway_accounts', { gateway: 'stripe', 'credentials[secret_key]': stripeSecretKey })).status).toBe(200);
    const endpoint = await stripe.webhookEndpoints.create({ url: webhooks.url, enabled_events: ['payment_intent.created'] });
    // Card data crosses the bus in this request: none of it may reach a span.
    await stripe.paymentMethods.create({ type: 'card', card: { number: VISA, exp_month: 12, exp_year: new Date().getUTCFullYear() + 1, cvc: CVC } });

    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const answer = await post(
      '/v1/payment_intents',
      { amount: '2500', currency: 'usd', payment_method: 'pm_card_visa', confirm: 'true' },
      { traceparent: `00-${traceId}-${callerSpanId}-01` },
    );
    const requestId = answer.headers.get('request-id');
    await webhooks.waitFor((receiver) => receiver.accepted('payment_intent.created').length >= 1, 30_000);

    const inTrace = () => otlp.spans.filter((span) => span.traceId === traceId);
    const byId = () => new Map(inTrace().map((span) => [span.spanId, span]));
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const spans = byId();
      const chain: ReceivedSpan[] = [];
      for (let parent = span.parentSpanId && spans.get(span.parentSpanId); parent; parent = parent.parentSpanId && spans.get(parent.parentSpanId)) chain.push(parent);
      return chain;
    };
    const find = (description: string, matches: (span: ReceivedSpan) => boolean): ReceivedSpan => {
      const found = inTrace().find(matches);
      if (!found) throw new Error(`No ${description} in trace ${traceId}: ${inTrace().map((span) => `${span.attributes['payrail.service']}:${span.name}`).join(', ')}`);
      return found;
    };
    const isEdge = (span: ReceivedSpan) => span.kind === OtlpSpanKind.Server && span.attributes['http.route'] === '/v1/payment_intents';
    const isDelivery = (span: ReceivedSpan) => span.name === 'webhook delivery';
    // Spans come in batches, each service's when its batch is due: wait for the whole path from the delivery to the edge.
    await otlp.waitFor(() => inTrace().some((span) => isDelivery(span) && ancestors(span).some(isEdge)), 30_000);

    const edge = find('edge server span', isEdge);
    expect(edge.parentSpanId).toBe(callerSpanId);
    expect(edge).toMatchObject({ name: 'POST /v1/payment_intents', attributes: { 'payrail.service': 'api-gateway', 'http.request.method': 'POST', 'http.response.status_code': answer.status, 'payrail.request_id': requestId } });

    const paymentsServer = find('payments server span', (span) => span.kind === OtlpSpanKind.Server && span.attributes['payrail.service'] === 'payments' && span.name === Patterns.PaymentIntentCreate);
    const paymentsClient = byId().get(paymentsServer.parentSpanId!)!;
    expect(paymentsClient).toMatchObject({ kind: OtlpSpanKind.Client, name: Patterns.PaymentIntentCreate, attributes: { 'payrail.service': 'api-gateway' } });
    expect(ancestors(paymentsServer)).toContainEqual(edge);

    const gatewayCall = find('call to Stripe', (span) => span.kind === OtlpSpanKind.Client && span.attributes['payrail.gateway'] === 'stripe');
    expect(gatewayCall.attributes).toMatchObject({ 'payrail.service': 'gateway-connectors', 'http.request.method': 'POST', 'url.path': '/v1/payment_intents', 'server.address': '127.0.0.1' });
    const gatewayChain = ancestors(gatewayCall);
    expect(gatewayChain[0]).toMatchObject({ kind: OtlpSpanKind.Server, attributes: { 'payrail.service': 'gateway-connectors' } });
    expect(gatewayChain).toContainEqual(paymentsServer);
    expect(gatewayChain.at(-1)).toEqual(edge);

    const delivery = find('webhook delivery', isDelivery);
    expect(delivery.attributes).toMatchObject({ 'payrail.service': 'webhook-dispatch', 'payrail.webhook_endpoint.id': endpoint.id, 'http.response.status_code': 200 });
    const [consumed, published, ...rest] = ancestors(delivery);
    expect(consumed).toMatchObject({ kind: OtlpSpanKind.Consumer, name: `process ${Topics.PaymentsEvents}`, attributes: { 'payrail.service': 'webhook-dispatch', 'payrail.event.type': 'payment_intent.created' } });
    expect(published).toMatchObject({ kind: OtlpSpanKind.Producer, name: `publish ${Topics.PaymentsEvents}`, attributes: { 'payrail.service': 'payments' } });
    // The outbox row was written inside the request that payments served.
    expect(rest).toContainEqual(paymentsServer);
    expect(rest.at(-1)).toEqual(edge);

    // The card's request was traced too (so the check below looks at it) and leaks nothing anywhere.
    expect(otlp.spans.some((span) => span.attributes['payrail.service'] === 'payments' && span.name === Patterns.PaymentMethodCreate)).toBe(true);
    const exported = otlp.bodies.join('\n');
    for (const secret of [VISA, '4242 4242', credentials.secret_key, stripeSecretKey, endpoint.secret!, 'whsec_', 'sk_test_']) expect(exported).not.toContain(secret);
    for (const span of otlp.spans) {
      for (const [key, value] of Object.entries(span.attributes)) {
        expect(key).not.toMatch(/cvc|card|secret|authorization/i);
        expect(String(value)).not.toBe(CVC);
      }
    }
  }, 120_000);
});
