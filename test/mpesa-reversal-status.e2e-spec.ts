import type { ReversalResultBody } from '../apps/gateway-connectors/src/connectors/mpesa/daraja-wire.js';
import { TEST_PHONES } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/test-phones.js';
import { mpesaMerchant, type MpesaMerchant } from './mpesa-fixture.js';

/**
 * A reversal (an M-Pesa refund) whose result Daraja never POSTs: the refunds' reconciliation asks Daraja's
 * Transaction Status API about it, and that answer, by callback, settles the refund. The reconciler's
 * first try comes about a minute after the refund was made (its production schedule), so this spec waits.
 */
const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

let mpesa: MpesaMerchant;

beforeAll(async () => {
  mpesa = await mpesaMerchant('M-Pesa reversal status', { callbackDelayMs: 300 });
});
afterAll(() => mpesa.simulator.stop());

async function call<T>(method: string, path: string, form?: Record<string, string>): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${mpesa.merchant.secret_key}`, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const body = (await response.json()) as T;
  if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

async function eventually<T>(read: () => Promise<T | undefined>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting after ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const resultsAbout = (conversationId: string) =>
  mpesa.simulator.deliveries.filter((delivery) => {
    const result = (delivery.body as Partial<ReversalResultBody>).Result;
    return result?.ConversationID === conversationId || result?.ResultParameters?.ResultParameter.some((parameter) => parameter.Value === conversationId);
  });

describe('an M-Pesa refund whose reversal result never comes', () => {
  it('stays pending, then succeeds from the Transaction Status query that the refunds reconciliation sends', async () => {
    const method = await call<{ id: string }>('POST', '/v1/payment_methods', { type: 'mpesa', 'mpesa[phone_number]': TEST_PHONES.lostReversalResult });
    const intent = await call<{ id: string }>('POST', '/v1/payment_intents', { amount: '25000', currency: 'kes', 'payment_method_types[]': 'mpesa', payment_method: method.id, confirm: 'true' });
    await eventually(async () => ((await call<{ status: string }>('GET', `/v1/payment_intents/${intent.id}`)).status === 'succeeded' ? true : undefined), 15_000);

    const refund = await call<{ id: string; status: string }>('POST', '/v1/refunds', { payment_intent: intent.id });
    expect(refund.status).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await call<{ status: string }>('GET', `/v1/refunds/${refund.id}`)).status).toBe('pending');

    const done = await eventually(async () => {
      const current = await call<{ status: string }>('GET', `/v1/refunds/${refund.id}`);
      return current.status === 'pending' ? undefined : current;
    }, 120_000);
    expect(done).toMatchObject({ status: 'succeeded', amount: 25000 });

    // Daraja never POSTed the reversal's own result: only the status query's answer, to a ResultURL naming the reversal.
    const statusAnswers = mpesa.simulator.deliveries.filter((delivery) => new URL(delivery.url).searchParams.has('reversal'));
    expect(statusAnswers.length).toBeGreaterThanOrEqual(1);
    const reversal = new URL(statusAnswers[0].url).searchParams.get('reversal')!;
    expect(resultsAbout(reversal).every((delivery) => new URL(delivery.url).searchParams.has('reversal'))).toBe(true);
    expect(statusAnswers[0]).toMatchObject({ status: 200, body: { Result: { ResultCode: 0, ResultParameters: { ResultParameter: expect.arrayContaining([{ Key: 'TransactionStatus', Value: 'Completed' }]) } } } });
  }, 150_000);
});
