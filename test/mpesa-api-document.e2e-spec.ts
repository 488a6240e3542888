import { randomBytes } from 'node:crypto';
import { createMerchant, type MerchantCredentials } from '@payrail/testing';
import type { StkCallbackBody } from '../apps/gateway-connectors/src/connectors/mpesa/daraja-wire.js';
import { DarajaSimulator } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/daraja-simulator.js';
import { TEST_PHONES } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/test-phones.js';

/**
 * The M-Pesa API document's requests, verbatim, under /api/payment/ with a bearer access token: the
 * merchant has an M-Pesa account against the test's own Daraja simulator (so that both runtimes run it).
 */
const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
/** The M-Pesa document's answers, with the one field these specs read by name; the rest is matched whole. */
interface Json {
  [field: string]: unknown;
  checkout_request_id: string;
}

const ACCOUNT = { consumerKey: `ck${randomBytes(8).toString('hex')}`, consumerSecret: `cs${randomBytes(12).toString('hex')}`, shortcode: '174379', passkey: randomBytes(24).toString('hex') };
// A customer takes seconds to answer the prompt: 1.5 s lets confirm answer `processing` first even on a loaded machine.
const simulator = new DarajaSimulator([ACCOUNT], { callbackDelayMs: 1500 });
let merchant: MerchantCredentials;
let token: string;

async function call(method: string, path: string, body?: unknown, bearer: string | null = token): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (bearer) headers['Authorization'] = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Json };
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

beforeAll(async () => {
  const simulatorUrl = await simulator.start();
  merchant = await createMerchant('M-Pesa API document merchant');
  const form = new URLSearchParams({
    gateway: 'mpesa',
    'credentials[consumer_key]': ACCOUNT.consumerKey,
    'credentials[consumer_secret]': ACCOUNT.consumerSecret,
    'credentials[shortcode]': ACCOUNT.shortcode,
    'credentials[passkey]': ACCOUNT.passkey,
    'credentials[environment]': 'sandbox',
    'credentials[initiator_name]': 'apiop',
    'credentials[security_credential]': randomBytes(24).toString('base64'),
    'credentials[api_base]': simulatorUrl,
  });
  const account = await fetch(`${baseUrl}/v1/gateway_accounts`, { method: 'POST', headers: { Authorization: `Bearer ${merchant.secret_key}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
  expect(account.status).toBe(200);
  const issued = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: merchant.client_id, client_secret: merchant.client_secret }),
  });
  token = ((await issued.json()) as { access_token: string }).access_token;
});
afterAll(() => simulator.stop());

function receiptNumberOf(checkoutRequestId: string): string | undefined {
  const callback = simulator.deliveries.map((delivery) => delivery.body as StkCallbackBody).find((body) => body.Body?.stkCallback?.CheckoutRequestID === checkoutRequestId);
  return callback?.Body.stkCallback.CallbackMetadata?.Item.find((item) => item.Name === 'MpesaReceiptNumber')?.Value as string | undefined;
}

describe('The M-Pesa API document under /api/payment/', () => {
  it('initiates, verifies pending then completed, lists the payment in history, shows its receipt and refunds it', async () => {
    const initiated = await call('POST', '/api/payment/mpesa/', { phone_number: '254708374149', order_id: 123, amount: 1000.0 });
    expect(initiated).toMatchObject({ status: 200, body: { message: 'Payment initiated', transaction_id: expect.stringMatching(/^pi_/), checkout_request_id: expect.stringMatching(/^ws_CO_/) } });
    const transactionId = initiated.body['transaction_id'] as string;

    const first = await call('POST', '/api/payment/verify/', { transaction_id: transactionId, order_id: 123 });
    expect(first).toMatchObject({ status: 200, body: { status: 'pending', message: 'Payment pending' } });
    const completed = await eventually(async () => {
      const verified = await call('POST', '/api/payment/verify/', { transaction_id: transactionId, order_id: 123 });
      return verified.body['status'] === 'pending' ? undefined : verified;
    });
    expect(completed).toEqual({ status: 200, body: { status: 'completed', message: 'Payment successful' } });

    const history = await call('GET', '/api/payment/history/');
    expect(history).toMatchObject({ status: 200, body: { total: 1, page: 1 } });
    expect(history.body['results']).toEqual([{ id: transactionId, amount: 1000, status: 'completed', payment_method: 'mpesa', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) }]);

    const receipt = await call('GET', `/api/payment/transactions/${transactionId}/receipt/`);
    expect(receipt).toMatchObject({
      status: 200,
      body: {
        receipt_number: receiptNumberOf(initiated.body['checkout_request_id']),
        date: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        amount: 'KES 1,000.00',
        payment_method: 'M-Pesa',
        status: 'Completed',
        customer_phone: '254*****4149',
        order_reference: 'Order #123',
      },
    });
    expect(receipt.body['receipt_number']).toEqual(expect.any(String));

    const refund = await call('POST', `/api/payment/transactions/${transactionId}/refund/`, { amount: 1000.0, reason: 'Customer request' });
    expect(refund).toMatchObject({ status: 200, body: { refund_id: expect.stringMatching(/^re_/) } });
    const refunded = await eventually(async () => {
      const current = await fetch(`${baseUrl}/v1/refunds/${refund.body['refund_id']}`, { headers: { Authorization: `Bearer ${merchant.secret_key}` } });
      const body = (await current.json()) as Json;
      return body['status'] === 'pending' ? undefined : body;
    });
    expect(refunded).toMatchObject({ status: 'succeeded', amount: 100_000 });
  });

  it('takes a repeated order as the same payment rather than a second STK push', async () => {
    const first = await call('POST', '/api/payment/mpesa/', { phone_number: '0708374149', order_id: 'A-77', amount: 50 });
    const again = await call('POST', '/api/payment/mpesa/', { phone_number: '0708374149', order_id: 'A-77', amount: 50 });
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, body: { transaction_id: first.body['transaction_id'] } });
    const otherAmount = await call('POST', '/api/payment/mpesa/', { phone_number: '0708374149', order_id: 'A-77', amount: 60 });
    expect(otherAmount).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', details: { field: 'order_id' } } });
  });

  it('reports a payment the customer cancelled as failed, and pays the same order on a second request', async () => {
    const initiated = await call('POST', '/api/payment/mpesa/', { phone_number: TEST_PHONES.cancelled, order_id: 'cancelled-1', amount: 100 });
    expect(initiated.status).toBe(200);
    const failed = await eventually(async () => {
      const verified = await call('POST', '/api/payment/verify/', { transaction_id: initiated.body['transaction_id'] });
      return verified.body['status'] === 'pending' ? undefined : verified;
    });
    expect(failed).toMatchObject({ status: 200, body: { status: 'failed' } });

    const retried = await call('POST', '/api/payment/mpesa/', { phone_number: '254708374149', order_id: 'cancelled-1', amount: 100 });
    expect(retried).toMatchObject({ status: 200, body: { transaction_id: initiated.body['transaction_id'], checkout_request_id: expect.stringMatching(/^ws_CO_/) } });
    expect(retried.body['checkout_request_id']).not.toBe(initiated.body['checkout_request_id']);
    const paid = await eventually(async () => {
      const verified = await call('POST', '/api/payment/verify/', { transaction_id: initiated.body['transaction_id'], order_id: 'cancelled-1' });
      return verified.body['status'] === 'failed' || verified.body['status'] === 'pending' ? undefined : verified.body;
    });
    expect(paid).toEqual({ status: 'completed', message: 'Payment successful' });
  });

  it("refuses bad input in the document's error body and codes, and unauthenticated requests", async () => {
    expect(await call('POST', '/api/payment/mpesa/', { phone_number: '0812345678', order_id: 1, amount: 1000 })).toMatchObject({
      status: 400,
      body: { error: expect.any(String), code: 'INVALID_PHONE', details: { field: 'phone_number' } },
    });
    expect(await call('POST', '/api/payment/mpesa/', { phone_number: '254708374149', order_id: 2, amount: 0 })).toMatchObject({ status: 400, body: { code: 'AMOUNT_TOO_LOW' } });
    expect(await call('POST', '/api/payment/mpesa/', { phone_number: '254708374149', order_id: 3, amount: 300_000 })).toMatchObject({ status: 400, body: { code: 'AMOUNT_TOO_HIGH', details: { field: 'amount' } } });
    expect(await call('POST', '/api/payment/mpesa/', { phone_number: '254708374149', order_id: 4, amount: 10, currency: 'USD' })).toMatchObject({ status: 400, body: { code: 'INVALID_CURRENCY' } });
    expect(await call('POST', '/api/payment/mpesa/', { phone_number: '254708374149', order_id: { id: 5 }, amount: 10 })).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', details: { field: 'order_id' } } });
    // A refused amount leaves nothing behind: the same order goes through once corrected.
    expect(await call('POST', '/api/payment/mpesa/', { phone_number: '254708374149', order_id: 3, amount: 250_000 })).toMatchObject({ status: 200, body: { transaction_id: expect.stringMatching(/^pi_/) } });
    expect(await call('POST', '/api/payment/verify/', { transaction_id: 'pi_doesnotexist' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await call('GET', '/api/payment/history/', undefined, null)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED', error: expect.any(String), details: {} } });
  });

  it('lists M-Pesa as enabled, saves numbers for a customer and keeps one default', async () => {
    expect(await call('GET', '/api/payment/methods/')).toEqual({ status: 200, body: { methods: [{ type: 'mpesa', display_name: 'M-Pesa', enabled: true, currency: 'KES' }] } });
    const added = await call('POST', '/api/payment/methods/', { type: 'mpesa', details: { phone_number: '254712345678' }, is_default: true });
    expect(added).toMatchObject({ status: 201, body: { message: 'Payment method added', id: expect.stringMatching(/^pm_/), details: { phone_number: '254712345678' }, is_default: true, customer: expect.stringMatching(/^cus_/) } });
    const customer = added.body['customer'] as string;
    const second = await call('POST', '/api/payment/methods/', { type: 'mpesa', details: { phone_number: '0708374149' }, is_default: true, customer });
    expect(second).toMatchObject({ status: 201, body: { details: { phone_number: '254708374149' }, is_default: true, customer } });
    const listed = await call('GET', `/api/payment/methods/?customer=${customer}`);
    expect(listed.status).toBe(200);
    expect(listed.body['saved']).toHaveLength(2);
    expect(listed.body['saved']).toEqual(
      expect.arrayContaining([
        { id: added.body['id'], type: 'mpesa', details: { phone_number: '254712345678' }, is_default: false },
        { id: second.body['id'], type: 'mpesa', details: { phone_number: '254708374149' }, is_default: true },
      ]),
    );
    expect(await call('POST', '/api/payment/methods/', { type: 'mpesa', details: { phone_number: '12345' } })).toMatchObject({ status: 400, body: { code: 'INVALID_PHONE' } });
    expect(await call('POST', '/api/payment/methods/', { type: 'card', details: { phone_number: '254712345678' } })).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', details: { field: 'type' } } });
  });

  it('sends a sandbox test payment through the same STK push', async () => {
    const test = await call('POST', '/api/payment/test/mpesa/', { phone_number: '254708374149', amount: 1000.0 });
    expect(test).toMatchObject({ status: 200, body: { message: 'Payment initiated', transaction_id: expect.stringMatching(/^pi_/), checkout_request_id: expect.stringMatching(/^ws_CO_/) } });
    const completed = await eventually(async () => {
      const verified = await call('POST', '/api/payment/verify/', { transaction_id: test.body['transaction_id'] });
      return verified.body['status'] === 'pending' ? undefined : verified.body;
    });
    expect(completed).toEqual({ status: 'completed', message: 'Payment successful' });
  });

  it("takes Daraja's callback at the document's mpesa-callback/ only for a pending push it matches, then confirms it with Daraja", async () => {
    // A phone whose callback Daraja never sends to Payrail's own URL: here it comes to the document's instead.
    const initiated = await call('POST', '/api/payment/mpesa/', { phone_number: TEST_PHONES.lostCallback, order_id: 'doc-callback-1', amount: 20 });
    const checkoutRequestId = initiated.body['checkout_request_id'];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const callback = (overrides: { id?: string; amount?: number } = {}) => ({
      Body: {
        stkCallback: {
          MerchantRequestID: '29115-34620561-1',
          CheckoutRequestID: overrides.id ?? checkoutRequestId,
          ResultCode: 0,
          ResultDesc: 'The service request is processed successfully.',
          CallbackMetadata: {
            Item: [
              { Name: 'Amount', Value: overrides.amount ?? 20 },
              { Name: 'MpesaReceiptNumber', Value: 'QKT1ABC2DE' },
              { Name: 'Balance' },
              { Name: 'TransactionDate', Value: 20260815123456 },
              { Name: 'PhoneNumber', Value: Number(TEST_PHONES.lostCallback) },
            ],
          },
        },
      },
    });
    const refused = { status: 400, body: { error: expect.any(String), code: 'INVALID_REQUEST', details: {} } };
    expect(await call('POST', '/api/payment/mpesa-callback/', callback({ id: 'ws_CO_010120260000001234567' }), null)).toMatchObject(refused);
    expect(await call('POST', '/api/payment/mpesa-callback/', callback({ amount: 1 }), null)).toMatchObject(refused);
    expect(await call('POST', '/api/payment/mpesa-callback/', { Result: { ResultType: 0, ResultCode: 0, ResultDesc: 'ok', OriginatorConversationID: 'o', ConversationID: 'AG_1', TransactionID: 'X' } }, null)).toMatchObject(refused);
    expect((await call('POST', '/api/payment/verify/', { transaction_id: initiated.body['transaction_id'] })).body['status']).toBe('pending');

    expect(await call('POST', '/api/payment/mpesa-callback/', callback(), null)).toEqual({ status: 200, body: { message: 'Callback received', duplicate: false } });
    expect(await call('POST', '/api/payment/mpesa-callback/', callback(), null)).toEqual({ status: 200, body: { message: 'Callback received', duplicate: true } });
    // The connector confirms the push with Daraja, then tells the payments service by event: the intent settles just after.
    const verified = await eventually(async () => {
      const answer = await call('POST', '/api/payment/verify/', { transaction_id: initiated.body['transaction_id'] });
      return answer.body['status'] === 'pending' ? undefined : answer;
    });
    expect(verified).toEqual({ status: 200, body: { status: 'completed', message: 'Payment successful' } });
    const receipt = await call('GET', `/api/payment/transactions/${initiated.body['transaction_id']}/receipt/`);
    expect(receipt.body).toMatchObject({ receipt_number: 'QKT1ABC2DE', amount: 'KES 20.00', status: 'Completed' });
  });

  it('answers the sandbox test/callback/ with the status M-Pesa reached, pending until the customer answers, and refuses another one', async () => {
    // A prompt nobody answers (its answer to Payrail lost too): pending for as long as it can be answered.
    const unanswered = await call('POST', '/api/payment/test/mpesa/', { phone_number: TEST_PHONES.lostAnswerNeverAnswered, amount: 15 });
    const waiting = await call('POST', '/api/payment/test/callback/', { transaction_id: unanswered.body['transaction_id'], status: 'completed' });
    expect(waiting).toEqual({ status: 200, body: { message: 'The customer has not answered the M-Pesa prompt yet', transaction_id: unanswered.body['transaction_id'], status: 'pending' } });

    const paid = await call('POST', '/api/payment/test/mpesa/', { phone_number: '254708374149', amount: 15 });
    const cancelled = await call('POST', '/api/payment/test/mpesa/', { phone_number: TEST_PHONES.cancelled, amount: 15 });
    const completed = await eventually(async () => {
      const answered = await call('POST', '/api/payment/test/callback/', { transaction_id: paid.body['transaction_id'], status: 'completed' });
      return answered.body['status'] === 'pending' ? undefined : answered;
    });
    expect(completed).toEqual({ status: 200, body: { message: 'Callback processed', transaction_id: paid.body['transaction_id'], status: 'completed' } });

    const mismatch = await eventually(async () => {
      const answered = await call('POST', '/api/payment/test/callback/', { transaction_id: cancelled.body['transaction_id'], status: 'completed' });
      return answered.status === 200 ? undefined : answered;
    });
    expect(mismatch).toMatchObject({ status: 400, body: { error: 'M-Pesa reports this transaction failed, not completed.', code: 'INVALID_REQUEST', details: { field: 'status' } } });
    expect(await call('POST', '/api/payment/test/callback/', { transaction_id: cancelled.body['transaction_id'], status: 'failed' })).toMatchObject({ status: 200, body: { status: 'failed' } });
    expect(await call('POST', '/api/payment/test/callback/', { transaction_id: paid.body['transaction_id'], status: 'paid' })).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(await call('POST', '/api/payment/test/callback/', { transaction_id: paid.body['transaction_id'], status: 'completed' }, null)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
  });
});
