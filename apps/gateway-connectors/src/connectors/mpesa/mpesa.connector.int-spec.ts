import { PayrailError } from '@payrail/errors';
import { WebhookReceiver } from '@payrail/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayHttpClient } from '../../http/gateway-http-client.js';
import type { ConnectorAuthorizeRequest, ConnectorSyncResult, PaymentConnector } from '../../routing/payment-connector.js';
import type { StkCallbackBody } from './daraja-wire.js';
import { MpesaCallbackTokens } from './mpesa-callback-url.js';
import { MpesaConnectorFactory } from './mpesa-connector.factory.js';
import type { MpesaAuthorizeResult, MpesaStkPushAction } from './mpesa.connector.js';
import { DarajaSimulator } from './simulator/daraja-simulator.js';
import { TEST_PHONES } from './simulator/test-phones.js';

const SECRETS_KEY = 'mpesa-connector-spec-secrets-key-0123456789';
const ACCOUNT = { consumerKey: 'specKey0123456789', consumerSecret: 'specSecret0123456789', shortcode: '174379', passkey: 'specPasskey0123456789abcdef' };
const CREDENTIALS = {
  consumer_key: ACCOUNT.consumerKey,
  consumer_secret: ACCOUNT.consumerSecret,
  shortcode: ACCOUNT.shortcode,
  passkey: ACCOUNT.passkey,
  environment: 'sandbox',
  initiator_name: 'apiop',
  security_credential: 'c2VjdXJpdHlDcmVkZW50aWFs',
};
const simulator = new DarajaSimulator([ACCOUNT], { callbackDelayMs: 150, tokenTtlSeconds: 2 });
/** The customer never answers within the prompt timeout here. */
const slowSimulator = new DarajaSimulator([ACCOUNT], { callbackDelayMs: 30_000 });
let receiver: WebhookReceiver;
let publicUrl: string;
let connector: PaymentConnector;

function connectorAt(apiBase: string, credentials: Record<string, string> = CREDENTIALS, promptTimeoutMs = 60_000): PaymentConnector {
  const config = { mpesaSandboxApiBase: apiBase, mpesaPromptTimeoutMs: promptTimeoutMs, publicUrl, secretsKey: SECRETS_KEY, cardFingerprintKey: 'fingerprint-key-0123456789abcdef0123' };
  return new MpesaConnectorFactory(new GatewayHttpClient(), config).create({ id: 'ga_mpesa', livemode: false, credentials });
}

let attempts = 0;
function request(overrides: Partial<ConnectorAuthorizeRequest> = {}): ConnectorAuthorizeRequest {
  attempts += 1;
  return { idempotencyKey: `authorization:pi_mpesa${attempts}x${Date.now()}:1`, livemode: false, amount: 100_00, currency: 'kes', paymentMethod: '254708374149', captureMethod: 'automatic', ...overrides };
}

async function refusal(promise: Promise<unknown>): Promise<PayrailError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

async function syncOf(target: PaymentConnector, result: MpesaAuthorizeResult, amount = 100_00, attemptedAt = new Date()): Promise<ConnectorSyncResult> {
  return target.sync({ idempotencyKey: 'k', livemode: false, pending: { externalReference: result.externalReference, amount, currency: 'kes', attemptedAt } });
}

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  publicUrl = receiver.url.replace(/\/webhooks$/, '');
  connector = connectorAt(await simulator.start());
});
afterAll(async () => {
  await simulator.stop();
  await slowSimulator.stop();
  await receiver.stop();
});

describe('MpesaConnector against the Daraja simulator', () => {
  it('sends the STK push and answers pending with the CheckoutRequestID and when the prompt expires', async () => {
    const before = Date.now();
    const result = (await connector.authorize(request())) as MpesaAuthorizeResult;
    expect(result).toMatchObject({ outcome: 'pending', externalReference: expect.stringMatching(/^ws_CO_/), card: { brand: 'mpesa', last4: '4149', country: 'KE', fingerprint: expect.any(String) } });
    expect(result.nextAction).toEqual({ type: 'mpesa_stk_push', mpesa_stk_push: { checkout_request_id: result.externalReference, expires_at: expect.any(Number) } });
    const prompt = result.nextAction as MpesaStkPushAction;
    expect(prompt.mpesa_stk_push.expires_at * 1000).toBeGreaterThanOrEqual(before + 59_000);
  });

  it("gives Daraja the account's secret callback URL naming the attempt, which then receives the result in whole shillings", async () => {
    const attempt = request({ amount: 250_00 });
    const result = (await connector.authorize(attempt)) as MpesaAuthorizeResult;
    await receiver.waitFor(() => receiver.received.some((received) => received.body.includes(result.externalReference!)), 5000);
    const delivery = simulator.deliveries.find((sent) => JSON.stringify(sent.body).includes(result.externalReference!))!;
    const token = new MpesaCallbackTokens(SECRETS_KEY).tokenFor('ga_mpesa');
    const url = new URL(delivery.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${publicUrl}/v1/callbacks/mpesa/ga_mpesa`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ token, attempt: attempt.idempotencyKey });
    const metadata = (delivery.body as StkCallbackBody).Body.stkCallback.CallbackMetadata!.Item;
    expect(metadata).toContainEqual({ Name: 'Amount', Value: 250 });
    expect(await syncOf(connector, result, 250_00)).toEqual({
      status: 'found',
      amount: 250_00,
      currency: 'kes',
      captureMethod: 'automatic',
      answer: { outcome: 'succeeded', networkStatus: 'approved_by_network', riskLevel: 'normal', sellerMessage: 'Payment complete.', externalReference: result.externalReference },
    });
  });

  it.each([
    [TEST_PHONES.cancelled, 'generic_decline', 'The customer cancelled the M-Pesa payment request on their phone.'],
    [TEST_PHONES.insufficientFunds, 'insufficient_funds', 'The M-Pesa account has insufficient funds for this payment.'],
    [TEST_PHONES.timedOut, 'try_again_later', "The customer's phone could not be reached, or the M-Pesa prompt was not answered in time."],
    [TEST_PHONES.wrongPin, 'incorrect_pin', 'The customer entered a wrong M-Pesa PIN.'],
  ])('settles a push to %s as declined (%s) through the STK query', async (phone, declineCode, failureMessage) => {
    const result = (await connector.authorize(request({ paymentMethod: phone }))) as MpesaAuthorizeResult;
    await sleep(300);
    expect((await syncOf(connector, result)) as unknown).toMatchObject({ status: 'found', answer: { outcome: 'declined', failureCode: 'card_declined', declineCode, failureMessage } });
  });

  it('finds a payment whose callback never came through the STK query', async () => {
    const result = (await connector.authorize(request({ paymentMethod: TEST_PHONES.lostCallback }))) as MpesaAuthorizeResult;
    await sleep(400);
    expect(receiver.received.some((received) => received.body.includes(result.externalReference!))).toBe(false);
    expect(await syncOf(connector, result)).toMatchObject({ answer: { outcome: 'succeeded' } });
  });

  it('answers pending while the prompt is unanswered, and expired past the timeout', async () => {
    const slow = connectorAt(await slowSimulator.start());
    const result = (await slow.authorize(request())) as MpesaAuthorizeResult;
    expect(await syncOf(slow, result)).toMatchObject({ answer: { outcome: 'pending' } });
    expect(await syncOf(slow, result, 100_00, new Date(Date.now() - 61_000))).toMatchObject({
      answer: { outcome: 'declined', failureMessage: 'The M-Pesa payment request expired before the customer answered it.' },
    });
  });

  it('answers pending without a CheckoutRequestID when Daraja took the push but its answer was lost, never pushing twice, and expired past the timeout', async () => {
    const attempt = request({ paymentMethod: TEST_PHONES.lostAnswerNeverAnswered });
    const reference = /pi_[A-Za-z0-9]+/.exec(attempt.idempotencyKey)![0].replace('_', '').slice(0, 12);
    const result = (await connector.authorize(attempt)) as MpesaAuthorizeResult;
    expect(result).toMatchObject({ outcome: 'pending', externalReference: null, card: { brand: 'mpesa', last4: '5041' } });
    expect(result.nextAction).toEqual({ type: 'mpesa_stk_push', mpesa_stk_push: { checkout_request_id: null, expires_at: expect.any(Number) } });
    expect(simulator.pushesFor(reference)).toBe(1);
    // Without a CheckoutRequestID there is nothing to query: Daraja is not asked, and only time settles it.
    expect(await syncOf(connector, result)).toMatchObject({ answer: { outcome: 'pending', externalReference: null } });
    expect(await syncOf(connector, result, 100_00, new Date(Date.now() - 61_000))).toMatchObject({
      answer: { outcome: 'declined', declineCode: 'try_again_later', failureMessage: 'The M-Pesa payment request expired before the customer answered it.' },
    });
    expect(simulator.pushesFor(reference)).toBe(1);
  });

  it('caches the access token across calls and fetches a new one before it expires', async () => {
    await connector.authorize(request());
    const issued = simulator.tokensIssued;
    await connector.authorize(request());
    expect(simulator.tokensIssued).toBe(issued);
    await sleep(1100);
    await connector.authorize(request());
    expect(simulator.tokensIssued).toBe(issued + 1);
  });

  it.each([
    ['a fraction of a shilling', { amount: 100_50 }, 'parameter_invalid', 'amount'],
    ['less than KES 1', { amount: 0 }, 'amount_too_small', 'amount'],
    ['more than KES 250,000', { amount: 250_001_00 }, 'amount_too_large', 'amount'],
    ['another currency', { currency: 'usd' }, 'parameter_invalid', 'currency'],
    ['a phone that is not Kenyan', { paymentMethod: '+255712345678' }, 'parameter_invalid', 'payment_method_data[mpesa][phone_number]'],
    ['manual capture', { captureMethod: 'manual' as const }, 'parameter_invalid', 'capture_method'],
  ])('refuses %s before calling Daraja', async (_, overrides, code, param) => {
    const error = await refusal(connector.authorize(request(overrides)));
    expect(error).toMatchObject({ code, param });
  });

  it("refuses with gateway_credentials_refused when Daraja refuses the account's consumer secret or passkey", async () => {
    const base = (connector as unknown as { api: { apiBase: string } }).api.apiBase;
    expect((await refusal(connectorAt(base, { ...CREDENTIALS, consumer_secret: 'wrongSecret0123' }).authorize(request()))).code).toBe('gateway_credentials_refused');
    expect((await refusal(connectorAt(base, { ...CREDENTIALS, passkey: 'wrongPasskey0123' }).authorize(request()))).code).toBe('gateway_credentials_refused');
  });

  it('refunds through a reversal that stays pending until Daraja posts its result', async () => {
    const result = (await connector.authorize(request({ amount: 40_00 }))) as MpesaAuthorizeResult;
    await receiver.waitFor(() => receiver.received.some((received) => received.body.includes(result.externalReference!)), 5000);
    const callback = JSON.parse(receiver.received.find((received) => received.body.includes(result.externalReference!))!.body) as StkCallbackBody;
    const receipt = String(callback.Body.stkCallback.CallbackMetadata!.Item.find((item) => item.Name === 'MpesaReceiptNumber')!.Value);
    const authorization = { externalReference: receipt, amount: 40_00, currency: 'kes' };
    const refund = await connector.refund({ idempotencyKey: 'refund:re_1', livemode: false, amount: 40_00, currency: 'kes', authorization });
    expect(refund).toEqual({ status: 'pending', externalReference: expect.stringMatching(/^AG_/) });
    await receiver.waitFor(() => receiver.received.some((received) => received.body.includes(refund.externalReference!)), 5000);
    const partial = await connector.refund({ idempotencyKey: 'refund:re_2', livemode: false, amount: 10_00, currency: 'kes', authorization });
    expect(partial).toEqual({ status: 'failed', failureReason: 'M-Pesa reverses only the whole payment.', externalReference: null });
    const { initiator_name: _i, security_credential: _s, ...withoutInitiator } = CREDENTIALS;
    const base = (connector as unknown as { api: { apiBase: string } }).api.apiBase;
    expect(await connectorAt(base, withoutInitiator).refund({ idempotencyKey: 'refund:re_3', livemode: false, amount: 40_00, currency: 'kes', authorization })).toMatchObject({ status: 'failed' });
  });

  it("asks Daraja's Transaction Status about a reversal whose result never came, and the answer, by callback, says it completed", async () => {
    const result = (await connector.authorize(request({ amount: 60_00, paymentMethod: TEST_PHONES.lostReversalResult }))) as MpesaAuthorizeResult;
    await receiver.waitFor(() => receiver.received.some((received) => received.body.includes(result.externalReference!)), 5000);
    const callback = JSON.parse(receiver.received.find((received) => received.body.includes(result.externalReference!))!.body) as StkCallbackBody;
    const receipt = String(callback.Body.stkCallback.CallbackMetadata!.Item.find((item) => item.Name === 'MpesaReceiptNumber')!.Value);
    const authorization = { externalReference: receipt, amount: 60_00, currency: 'kes' };
    const refund = await connector.refund({ idempotencyKey: 'refund:re_lost', livemode: false, amount: 60_00, currency: 'kes', authorization });
    expect(refund).toMatchObject({ status: 'pending' });
    await sleep(400);
    expect(receiver.received.some((received) => received.body.includes(refund.externalReference!))).toBe(false);

    const sync = { idempotencyKey: 'refund:re_lost', livemode: false, amount: 60_00, currency: 'kes', authorization, externalReference: refund.externalReference };
    expect(await connector.syncRefund(sync)).toEqual({ status: 'pending', externalReference: refund.externalReference });
    await receiver.waitFor(() => receiver.received.some((received) => received.body.includes(`"Conversation ID","Value":"${refund.externalReference}"`)), 5000);
    const status = receiver.received.find((received) => received.body.includes(`"Conversation ID","Value":"${refund.externalReference}"`))!;
    expect(status.headers['content-type']).toBe('application/json');
    const delivery = simulator.deliveries.find((sent) => JSON.stringify(sent.body).includes(`"Conversation ID","Value":"${refund.externalReference}"`))!;
    expect(new URL(delivery.url).searchParams.get('reversal')).toBe(refund.externalReference);
    expect(JSON.parse(status.body)).toMatchObject({
      Result: { ResultCode: 0, ResultParameters: { ResultParameter: expect.arrayContaining([{ Key: 'TransactionStatus', Value: 'Completed' }, { Key: 'ReceiptNo', Value: expect.stringMatching(/^[A-Z0-9]{10}$/) }]) } },
    });
  });
});
