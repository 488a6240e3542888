import { sandboxCredentials, stripeClient } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const embedded = process.env.PAYRAIL_TEST_MODE === 'embedded';
const CARD_NUMBER = '4242424242424242';

/** The value of one sample line in Prometheus text (labels in the order prom-client writes them), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Prometheus metrics after a payment through the platform', () => {
  const { secret_key: secretKey } = sandboxCredentials();
  const stripe = stripeClient(secretKey);

  it('shows the payment in the edge\'s HTTP and bus latency, with Node runtime metrics, and no card number, key or id', async () => {
    const paymentMethod = await stripe.paymentMethods.create({ type: 'card', card: { number: CARD_NUMBER, exp_month: 1, exp_year: new Date().getUTCFullYear() + 3, cvc: '123' } });
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: paymentMethod.id, confirm: true });
    expect(intent.status).toBe('succeeded');

    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();

    expect(sample(text, 'payrail_http_request_duration_seconds_count{service="api-gateway",method="POST",route="/v1/payment_intents",status_class="2xx"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'payrail_bus_request_duration_seconds_count{service="api-gateway",pattern="payments.intent.create",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^process_resident_memory_bytes\{service="(platform|api-gateway)"\} \d+/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="(platform|api-gateway)"\} \d+/m);

    for (const secret of [CARD_NUMBER, secretKey, intent.id, paymentMethod.id, intent.client_secret!, intent.latest_charge as string]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\b(pi|pm|ch|acct|cus|evt|req)_[A-Za-z0-9]{8,}/);

    // The all-in-one process has one registry for every service in it, served by its edge; a distributed
    // edge has only its own (each backend serves its own on its health port).
    if (!embedded) return;
    // Events reach their consumers after the reply: read again until they did.
    const expected = [
      /^payrail_connector_call_duration_seconds_count\{service="gateway-connectors",gateway="sandbox",operation="authorize",outcome="succeeded"\} [1-9]/m,
      /^payrail_bus_request_duration_seconds_count\{service="payments",pattern="connectors\.[a-z_.]+",outcome="ok"\} [1-9]/m,
      /^payrail_outbox_relay_lag_seconds_count\{service="payments"\} [1-9]/m,
      /^payrail_outbox_backlog\{service="payments"\} \d+/m,
      /^payrail_event_handling_duration_seconds_count\{service="[a-z-]+",topic="payments\.events\.v1",outcome="ok"\} [1-9]/m,
      /^payrail_webhook_pending_deliveries\{service="webhook-dispatch"\} \d+/m,
    ];
    let all = text;
    for (let waited = 0; waited < 10_000 && !expected.every((pattern) => pattern.test(all)); waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      all = await (await fetch(`${baseUrl}/metrics`)).text();
    }
    for (const pattern of expected) expect(all).toMatch(pattern);
  });
});
