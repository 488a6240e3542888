import { randomBytes } from 'node:crypto';
import type { GatewayAccountResource } from '@payrail/contracts';
import { createMerchant, type MerchantCredentials } from '@payrail/testing';
import type { StkCallbackBody } from '../apps/gateway-connectors/src/connectors/mpesa/daraja-wire.js';
import { DarajaSimulator } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/daraja-simulator.js';
import { TEST_PHONES } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/test-phones.js';

/**
 * M-Pesa through Payrail's API on whichever runtime is under test: the test starts its own Daraja
 * simulator and gives the merchant an M-Pesa gateway account against it; the simulator calls back into
 * the edge at the account's callback URL, as Daraja would.
 */
const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}
/** An answer's fields these specs read by name (payment intents, payment methods, events); the rest is matched whole. */
interface Json {
  [field: string]: unknown;
  id: string;
  next_action: { mpesa_stk_push: { checkout_request_id: string } };
  data: { object: { id: string; status: string } };
}

async function call<T = Json>(method: string, path: string, options: { key?: string; form?: Record<string, string>; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers['Authorization'] = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.raw !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = options.raw;
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  return { status: response.status, body: (await response.json()) as T };
}

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const ACCOUNT = { consumerKey: `ck${randomBytes(8).toString('hex')}`, consumerSecret: `cs${randomBytes(12).toString('hex')}`, shortcode: '174379', passkey: randomBytes(24).toString('hex') };
// A customer takes seconds to answer the prompt: 1.5 s lets confirm answer `processing` first even on a loaded machine.
const simulator = new DarajaSimulator([ACCOUNT], { callbackDelayMs: 1500 });
let merchant: MerchantCredentials;
let account: GatewayAccountResource;

beforeAll(async () => {
  const simulatorUrl = await simulator.start();
  merchant = await createMerchant('M-Pesa Merchant');
  const created = await call<GatewayAccountResource>('POST', '/v1/gateway_accounts', {
    key: merchant.secret_key,
    form: {
      gateway: 'mpesa',
      'credentials[consumer_key]': ACCOUNT.consumerKey,
      'credentials[consumer_secret]': ACCOUNT.consumerSecret,
      'credentials[shortcode]': ACCOUNT.shortcode,
      'credentials[passkey]': ACCOUNT.passkey,
      'credentials[environment]': 'sandbox',
      'credentials[initiator_name]': 'apiop',
      'credentials[security_credential]': randomBytes(24).toString('base64'),
      'credentials[api_base]': simulatorUrl,
    },
  });
  expect(created).toMatchObject({ status: 200 });
  account = created.body;
});
afterAll(() => simulator.stop());

async function mpesaIntent(phone: string, amount = 100_000): Promise<Json> {
  const method = await call('POST', '/v1/payment_methods', { key: merchant.secret_key, form: { type: 'mpesa', 'mpesa[phone_number]': phone } });
  expect(method.status).toBe(200);
  const intent = await call('POST', '/v1/payment_intents', {
    key: merchant.secret_key,
    form: { amount: String(amount), currency: 'kes', 'payment_method_types[]': 'mpesa', payment_method: method.body['id'], confirm: 'true' },
  });
  expect(intent.status).toBe(200);
  return intent.body;
}

function settled(id: string, timeoutMs?: number): Promise<Json> {
  return eventually(async () => {
    const intent = await call('GET', `/v1/payment_intents/${id}`, { key: merchant.secret_key });
    return intent.body['status'] === 'processing' ? undefined : intent.body;
  }, timeoutMs);
}

function callbackOf(checkoutRequestId: string): StkCallbackBody | undefined {
  return simulator.deliveries.map((delivery) => delivery.body as StkCallbackBody).find((body) => body.Body?.stkCallback?.CheckoutRequestID === checkoutRequestId);
}

/** The account's callback URL, as a path on the edge (with its secret token). */
function callbackPath(): string {
  const url = new URL(account.callback_url, baseUrl);
  return `${url.pathname}${url.search}`;
}

describe('M-Pesa through the PaymentIntents API', () => {
  it("gives the account an unguessable callback URL and normalises the customer's number", async () => {
    expect(account.callback_url).toMatch(new RegExp(`/v1/callbacks/mpesa/${account.id}\\?token=[A-Za-z0-9_-]{40,}$`));
    const method = await call('POST', '/v1/payment_methods', { key: merchant.secret_key, form: { type: 'mpesa', 'mpesa[phone_number]': '+254 708 374149' } });
    expect(method.body).toMatchObject({ type: 'mpesa', mpesa: { phone_number: '254708374149' } });
    const wrong = await call('POST', '/v1/payment_methods', { key: merchant.secret_key, form: { type: 'mpesa', 'mpesa[phone_number]': '0812345678' } });
    expect(wrong).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_invalid', param: 'mpesa[phone_number]' } } });
  });

  it('sends the STK push on confirm, answers processing, and succeeds on the callback with the M-Pesa receipt on the charge', async () => {
    const intent = await mpesaIntent('0708374149');
    expect(intent).toMatchObject({ status: 'processing', next_action: { type: 'mpesa_stk_push', mpesa_stk_push: { checkout_request_id: expect.stringMatching(/^ws_CO_/), expires_at: expect.any(Number) } } });
    const checkoutRequestId = intent['next_action'].mpesa_stk_push.checkout_request_id as string;
    const done = await settled(intent['id']);
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 100_000, next_action: null });
    const receipt = callbackOf(checkoutRequestId)!.Body.stkCallback.CallbackMetadata!.Item.find((item) => item.Name === 'MpesaReceiptNumber')!.Value;
    const charge = await call('GET', `/v1/charges/${done['latest_charge']}`, { key: merchant.secret_key });
    expect(charge.body).toMatchObject({ status: 'succeeded', amount: 100_000, currency: 'kes', receipt_number: receipt, payment_method_details: { type: 'mpesa', mpesa: { receipt_number: receipt, phone_number_last4: '4149' } } });
    const events = await eventually(async () => {
      const listed = await call<{ data: Json[] }>('GET', '/v1/events?type=payment_intent.succeeded', { key: merchant.secret_key });
      return listed.body.data.find((event) => event['data'].object.id === intent['id']);
    });
    expect(events['data'].object.status).toBe('succeeded');
  });

  it.each([
    ['cancels', TEST_PHONES.cancelled, 'generic_decline', 'The customer cancelled the M-Pesa payment request on their phone.'],
    ['lacks the funds', TEST_PHONES.insufficientFunds, 'insufficient_funds', 'The M-Pesa account has insufficient funds for this payment.'],
    ['does not answer in time', TEST_PHONES.timedOut, 'try_again_later', "The customer's phone could not be reached, or the M-Pesa prompt was not answered in time."],
    ['enters a wrong PIN', TEST_PHONES.wrongPin, 'incorrect_pin', 'The customer entered a wrong M-Pesa PIN.'],
  ])('returns to requires_payment_method with a clear error when the customer %s', async (_, phone, declineCode, message) => {
    const intent = await mpesaIntent(phone);
    const done = await settled(intent['id']);
    expect(done).toMatchObject({
      status: 'requires_payment_method',
      next_action: null,
      last_payment_error: { code: 'card_declined', decline_code: declineCode, message, payment_method: { type: 'mpesa' } },
    });
  });

  it('recovers a payment whose callback never came through the STK query', async () => {
    const intent = await mpesaIntent(TEST_PHONES.lostCallback);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(callbackOf(intent['next_action'].mpesa_stk_push.checkout_request_id)).toBeUndefined();
    // Reading the intent asks the gateway about a payment it waits on (after a grace left to the callback): the STK query finds it paid.
    const done = await settled(intent['id'], 30_000);
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 100_000 });
    const charge = await call('GET', `/v1/charges/${done['latest_charge']}`, { key: merchant.secret_key });
    // Daraja's STK query carries no receipt number: the charge says it is unknown rather than invent one.
    expect(charge.body).toMatchObject({ status: 'succeeded', receipt_number: null, payment_method_details: { type: 'mpesa', mpesa: { receipt_number: null, phone_number_last4: '9999' } } });
  });

  it('takes a duplicated callback as a duplicate, and refuses forged ones', async () => {
    const intent = await mpesaIntent('0712345678', 50_000);
    const checkoutRequestId = intent['next_action'].mpesa_stk_push.checkout_request_id as string;
    await settled(intent['id']);
    const genuine = callbackOf(checkoutRequestId)!;
    expect(await call('POST', callbackPath(), { raw: JSON.stringify(genuine) })).toEqual({ status: 200, body: { received: true, duplicate: true } });

    const unknown = structuredClone(genuine);
    unknown.Body.stkCallback.CheckoutRequestID = 'ws_CO_010120260000001234567';
    expect((await call('POST', callbackPath(), { raw: JSON.stringify(unknown) })).status).toBe(400);
    const wrongAmount = structuredClone(genuine);
    wrongAmount.Body.stkCallback.CallbackMetadata!.Item[0].Value = 1;
    expect((await call('POST', callbackPath(), { raw: JSON.stringify(wrongAmount) })).status).toBe(400);
    const noToken = await call('POST', `/v1/callbacks/mpesa/${account.id}?token=guess`, { raw: JSON.stringify(genuine) });
    expect(noToken).toMatchObject({ status: 401, body: { error: { code: 'signature_invalid' } } });
    expect((await call('GET', `/v1/payment_intents/${intent['id']}`, { key: merchant.secret_key })).body).toMatchObject({ status: 'succeeded', amount_received: 50_000 });
  });

  it('refunds through a reversal: pending until Daraja posts its result, then succeeded', async () => {
    const intent = await mpesaIntent('0708374149', 30_000);
    await settled(intent['id']);
    const refund = await call('POST', '/v1/refunds', { key: merchant.secret_key, form: { payment_intent: intent['id'] } });
    expect(refund).toMatchObject({ status: 200, body: { status: 'pending', amount: 30_000 } });
    const done = await eventually(async () => {
      const current = await call('GET', `/v1/refunds/${refund.body['id']}`, { key: merchant.secret_key });
      return current.body['status'] === 'pending' ? undefined : current.body;
    });
    expect(done).toMatchObject({ status: 'succeeded' });
  });

  it('refuses another currency and amounts outside M-Pesa limits with clear 4xx', async () => {
    const usd = await call('POST', '/v1/payment_intents', { key: merchant.secret_key, form: { amount: '1000', currency: 'usd', 'payment_method_types[]': 'mpesa' } });
    expect(usd.status).toBe(400);
    const method = await call('POST', '/v1/payment_methods', { key: merchant.secret_key, form: { type: 'mpesa', 'mpesa[phone_number]': '0708374149' } });
    const tooLarge = await call('POST', '/v1/payment_intents', {
      key: merchant.secret_key,
      form: { amount: String(300_000_00), currency: 'kes', 'payment_method_types[]': 'mpesa', payment_method: method.body['id'], confirm: 'true' },
    });
    expect(tooLarge).toMatchObject({ status: 400, body: { error: { code: 'amount_too_large', param: 'amount' } } });
  });
});

describe('M-Pesa in the embedded sandbox', () => {
  const sandbox = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;

  it('gives the sandbox merchant an M-Pesa account against the in-process Daraja simulator, which pays with no setup (embedded runtime only)', async () => {
    const accounts = await call<{ data: GatewayAccountResource[] }>('GET', '/v1/gateway_accounts?gateway=mpesa', { key: sandbox.secret_key });
    if (process.env.PAYRAIL_TEST_MODE !== 'embedded') {
      // The distributed runtime has no sandbox simulator: its tests bring their own (above).
      expect(accounts.body.data).toEqual([]);
      return;
    }
    expect(accounts.body.data).toHaveLength(1);
    const method = await call('POST', '/v1/payment_methods', { key: sandbox.secret_key, form: { type: 'mpesa', 'mpesa[phone_number]': '0708374149' } });
    const intent = await call('POST', '/v1/payment_intents', {
      key: sandbox.secret_key,
      form: { amount: '150000', currency: 'kes', 'payment_method_types[]': 'mpesa', payment_method: method.body['id'], confirm: 'true' },
    });
    expect(intent.body).toMatchObject({ status: 'processing', next_action: { type: 'mpesa_stk_push' } });
    const done = await eventually(async () => {
      const current = await call('GET', `/v1/payment_intents/${intent.body['id']}`, { key: sandbox.secret_key });
      return current.body['status'] === 'processing' ? undefined : current.body;
    });
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 150000 });
  });
});
