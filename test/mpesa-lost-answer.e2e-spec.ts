import { TEST_PHONES } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/test-phones.js';
import { mpesaMerchant, receiptOf, type MpesaMerchant } from './mpesa-fixture.js';

/**
 * Daraja's answer to an STK push (its CheckoutRequestID) lost after the push went out: the simulator's
 * test phones reset the connection instead of answering. The platform under test lets an unanswered prompt
 * expire after 30 s (PAYRAIL_MPESA_PROMPT_TIMEOUT_SECONDS in libs/testing).
 */
const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface Intent {
  id: string;
  status: string;
  amount_received: number;
  latest_charge: string | null;
  next_action: { type: string; mpesa_stk_push: { checkout_request_id: string | null; expires_at: number } } | null;
  last_payment_error: { code: string; decline_code?: string; message: string } | null;
}

let mpesa: MpesaMerchant;

beforeAll(async () => {
  // The customer answers after 2 s, so that confirm answers before the callback can settle the intent.
  mpesa = await mpesaMerchant('M-Pesa lost answers', { callbackDelayMs: 2000 });
});
afterAll(() => mpesa.simulator.stop());

async function call<T>(method: string, path: string, form?: Record<string, string>): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${mpesa.merchant.secret_key}`, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function confirmedIntent(phone: string, amount: number): Promise<Intent> {
  const method = await call<{ id: string }>('POST', '/v1/payment_methods', { type: 'mpesa', 'mpesa[phone_number]': phone });
  const intent = await call<Intent>('POST', '/v1/payment_intents', { amount: String(amount), currency: 'kes', 'payment_method_types[]': 'mpesa', payment_method: method.body.id, confirm: 'true' });
  expect(intent.status).toBe(200);
  return intent.body;
}

async function settled(id: string, withinMs: number): Promise<Intent> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const intent = (await call<Intent>('GET', `/v1/payment_intents/${id}`)).body;
    if (intent.status !== 'processing') return intent;
    if (Date.now() > deadline) throw new Error(`${id} still processing after ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What Daraja showed on the prompt for this intent, and so how its pushes can be counted. */
const accountReferenceOf = (intentId: string) => intentId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12);

describe("an STK push whose answer from Daraja is lost", () => {
  it('waits with the prompt on the phone and no CheckoutRequestID, then succeeds by the callback that names its attempt, pushed once', async () => {
    const intent = await confirmedIntent(TEST_PHONES.lostAnswer, 70_000);
    expect(intent).toMatchObject({ status: 'processing', next_action: { type: 'mpesa_stk_push', mpesa_stk_push: { checkout_request_id: null, expires_at: expect.any(Number) } } });

    const done = await settled(intent.id, 15_000);
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 70_000, next_action: null });
    const [delivery] = mpesa.simulator.deliveries.filter((sent) => sent.url.includes(encodeURIComponent(`authorization:${intent.id}:`)));
    expect(delivery).toMatchObject({ status: 200 });
    const receipt = receiptOf(delivery.body as Parameters<typeof receiptOf>[0]);
    const charge = await call<{ status: string; receipt_number: string | null }>('GET', `/v1/charges/${done.latest_charge}`);
    expect(charge.body).toMatchObject({ status: 'succeeded', receipt_number: receipt });
    expect(mpesa.simulator.pushesFor(accountReferenceOf(intent.id))).toBe(1);

    // Delivered again, the callback is a duplicate: nothing is recorded or charged twice.
    const again = await fetch(`${delivery.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(delivery.body) });
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    expect((await call<Intent>('GET', `/v1/payment_intents/${intent.id}`)).body).toMatchObject({ status: 'succeeded', amount_received: 70_000 });
  });

  it('succeeds by a callback that came while the answer was still awaited, with its receipt', async () => {
    // The callback was recorded while the push waited for its answer; once that is lost, the confirmation settles by it at once.
    const done = await confirmedIntent(TEST_PHONES.lostAnswerAfterCallback, 45_000);
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 45_000 });
    const delivered = mpesa.simulator.deliveries.find((sent) => sent.url.includes(encodeURIComponent(`authorization:${done.id}:`)));
    const charge = await call<{ receipt_number: string | null }>('GET', `/v1/charges/${done.latest_charge}`);
    expect(charge.body.receipt_number).toBe(receiptOf(delivered!.body as Parameters<typeof receiptOf>[0]));
    expect(mpesa.simulator.pushesFor(accountReferenceOf(done.id))).toBe(1);
  });

  it('fails as expired once the prompt can no longer be answered when no callback ever comes, never pushing again', async () => {
    const intent = await confirmedIntent(TEST_PHONES.lostAnswerNeverAnswered, 20_000);
    const expiresAt = intent.next_action!.mpesa_stk_push.expires_at;
    expect(intent).toMatchObject({ status: 'processing', next_action: { mpesa_stk_push: { checkout_request_id: null } } });

    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await call<Intent>('GET', `/v1/payment_intents/${intent.id}`)).body.status).toBe('processing');

    const done = await settled(intent.id, 45_000);
    expect(Date.now() / 1000).toBeGreaterThanOrEqual(expiresAt - 1);
    expect(done).toMatchObject({
      status: 'requires_payment_method',
      amount_received: 0,
      next_action: null,
      last_payment_error: { code: 'card_declined', decline_code: 'try_again_later', message: 'The M-Pesa payment request expired before the customer answered it.' },
    });
    expect(mpesa.simulator.pushesFor(accountReferenceOf(intent.id))).toBe(1);
  }, 60_000);
});
