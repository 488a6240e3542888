import { WebhookReceiver } from '@payrail/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { nairobiTimestamp, stkPassword, type ReversalResultBody, type StkCallbackBody } from '../daraja-wire.js';
import { DarajaSimulator } from './daraja-simulator.js';
import { TEST_PHONES } from './test-phones.js';

/** Daraja publishes no client library: these requests are written from its documentation, field by field. */
const ACCOUNT = { consumerKey: 'simKey0123456789', consumerSecret: 'simSecret0123456789', shortcode: '174379', passkey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919' };
const DELAY_MS = 150;
const simulator = new DarajaSimulator([ACCOUNT, { ...ACCOUNT, consumerKey: 'otherKey0123456', shortcode: '600000' }], { callbackDelayMs: DELAY_MS, tokenTtlSeconds: 2 });
let base: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  base = await simulator.start();
  receiver = await WebhookReceiver.start();
});
afterAll(async () => {
  await simulator.stop();
  await receiver.stop();
});

async function call(method: string, path: string, init: { auth?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(init.auth ? { authorization: init.auth } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function token(key = ACCOUNT.consumerKey, secret = ACCOUNT.consumerSecret): Promise<string> {
  const { body } = await call('GET', '/oauth/v1/generate?grant_type=client_credentials', { auth: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` });
  return `Bearer ${String(body['access_token'])}`;
}

function credentials(shortcode = ACCOUNT.shortcode, passkey = ACCOUNT.passkey) {
  const Timestamp = nairobiTimestamp(new Date());
  return { BusinessShortCode: shortcode, Password: stkPassword(shortcode, passkey, Timestamp), Timestamp };
}

function stkPush(phone: string, overrides: Record<string, unknown> = {}) {
  return {
    ...credentials(),
    TransactionType: 'CustomerPayBillOnline',
    Amount: 10,
    PartyA: phone,
    PartyB: ACCOUNT.shortcode,
    PhoneNumber: phone,
    CallBackURL: receiver.url,
    AccountReference: 'pi_123',
    TransactionDesc: 'Payment',
    ...overrides,
  };
}

function callbacksFor(checkoutRequestId: string): StkCallbackBody[] {
  return receiver.received.map((delivery) => JSON.parse(delivery.body) as StkCallbackBody).filter((body) => body.Body?.stkCallback?.CheckoutRequestID === checkoutRequestId);
}

describe('Daraja simulator', () => {
  it('issues a bearer token for Basic consumer credentials, and refuses wrong ones and other grant types', async () => {
    const basic = `Basic ${Buffer.from(`${ACCOUNT.consumerKey}:${ACCOUNT.consumerSecret}`).toString('base64')}`;
    const ok = await call('GET', '/oauth/v1/generate?grant_type=client_credentials', { auth: basic });
    expect(ok).toEqual({ status: 200, body: { access_token: expect.stringMatching(/^\S{20,}$/), expires_in: '2' } });
    const wrong = await call('GET', '/oauth/v1/generate?grant_type=client_credentials', { auth: `Basic ${Buffer.from(`${ACCOUNT.consumerKey}:nope`).toString('base64')}` });
    expect(wrong).toEqual({ status: 400, body: { requestId: expect.any(String), errorCode: '400.008.01', errorMessage: 'Invalid Authentication passed' } });
    const grant = await call('GET', '/oauth/v1/generate?grant_type=password', { auth: basic });
    expect(grant.body['errorCode']).toBe('400.008.02');
  });

  it('refuses an API call without a valid token, and once the token has expired', async () => {
    expect(await call('POST', '/mpesa/stkpush/v1/processrequest', { auth: 'Bearer made-up', body: stkPush('254708374149') })).toMatchObject({
      status: 401,
      body: { errorCode: '404.001.03', errorMessage: 'Invalid Access Token' },
    });
    const auth = await token();
    await sleep(2100);
    expect((await call('POST', '/mpesa/stkpush/v1/processrequest', { auth, body: stkPush('254708374149') })).status).toBe(401);
  });

  it('accepts an STK push, then POSTs the success callback with the receipt, amount, date and phone', async () => {
    const auth = await token();
    const accepted = await call('POST', '/mpesa/stkpush/v1/processrequest', { auth, body: stkPush('254708374149', { Amount: '25' }) });
    expect(accepted).toEqual({
      status: 200,
      body: {
        MerchantRequestID: expect.stringMatching(/^\d{5}-\d{8}-1$/),
        CheckoutRequestID: expect.stringMatching(/^ws_CO_\d{14}\d+$/),
        ResponseCode: '0',
        ResponseDescription: 'Success. Request accepted for processing',
        CustomerMessage: 'Success. Request accepted for processing',
      },
    });
    const checkoutRequestId = String(accepted.body['CheckoutRequestID']);
    const query = { ...credentials(), CheckoutRequestID: checkoutRequestId };
    expect(await call('POST', '/mpesa/stkpushquery/v1/query', { auth, body: query })).toMatchObject({
      status: 500,
      body: { errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' },
    });
    await receiver.waitFor(() => callbacksFor(checkoutRequestId).length === 1, 5000);
    const { stkCallback } = callbacksFor(checkoutRequestId)[0].Body;
    expect(stkCallback).toEqual({
      MerchantRequestID: accepted.body['MerchantRequestID'],
      CheckoutRequestID: checkoutRequestId,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      CallbackMetadata: {
        Item: [
          { Name: 'Amount', Value: 25 },
          { Name: 'MpesaReceiptNumber', Value: expect.stringMatching(/^[A-Z0-9]{10}$/) },
          { Name: 'Balance' },
          { Name: 'TransactionDate', Value: expect.any(Number) },
          { Name: 'PhoneNumber', Value: 254708374149 },
        ],
      },
    });
    expect(String(stkCallback.CallbackMetadata!.Item[3].Value)).toMatch(/^20\d{12}$/);
    expect(await call('POST', '/mpesa/stkpushquery/v1/query', { auth, body: query })).toEqual({
      status: 200,
      body: {
        ResponseCode: '0',
        ResponseDescription: 'The service request has been accepted successsfully',
        MerchantRequestID: accepted.body['MerchantRequestID'],
        CheckoutRequestID: checkoutRequestId,
        ResultCode: '0',
        ResultDesc: 'The service request is processed successfully.',
      },
    });
  });

  it.each([
    [TEST_PHONES.cancelled, 1032, 'Request cancelled by user'],
    [TEST_PHONES.timedOut, 1037, 'DS timeout user cannot be reached'],
    [TEST_PHONES.insufficientFunds, 1, 'The balance is insufficient for the transaction.'],
    [TEST_PHONES.wrongPin, 2001, 'The initiator information is invalid.'],
  ])('phone %s fails with ResultCode %d and no metadata', async (phone, resultCode, resultDesc) => {
    const auth = await token();
    const accepted = await call('POST', '/mpesa/stkpush/v1/processrequest', { auth, body: stkPush(phone) });
    const checkoutRequestId = String(accepted.body['CheckoutRequestID']);
    await receiver.waitFor(() => callbacksFor(checkoutRequestId).length === 1, 5000);
    expect(callbacksFor(checkoutRequestId)[0].Body.stkCallback).toEqual({
      MerchantRequestID: accepted.body['MerchantRequestID'],
      CheckoutRequestID: checkoutRequestId,
      ResultCode: resultCode,
      ResultDesc: resultDesc,
    });
    const queried = await call('POST', '/mpesa/stkpushquery/v1/query', { auth, body: { ...credentials(), CheckoutRequestID: checkoutRequestId } });
    expect(queried.body).toMatchObject({ ResultCode: String(resultCode), ResultDesc: resultDesc });
  });

  it('never calls back for the lost-callback number, while the query finds the payment', async () => {
    const auth = await token();
    const accepted = await call('POST', '/mpesa/stkpush/v1/processrequest', { auth, body: stkPush(TEST_PHONES.lostCallback) });
    const checkoutRequestId = String(accepted.body['CheckoutRequestID']);
    await sleep(DELAY_MS * 4);
    expect(callbacksFor(checkoutRequestId)).toEqual([]);
    const queried = await call('POST', '/mpesa/stkpushquery/v1/query', { auth, body: { ...credentials(), CheckoutRequestID: checkoutRequestId } });
    expect(queried).toMatchObject({ status: 200, body: { ResultCode: '0' } });
  });

  it('sends a callback again on request, byte for byte the same (a duplicate)', async () => {
    const auth = await token();
    const accepted = await call('POST', '/mpesa/stkpush/v1/processrequest', { auth, body: stkPush('254712345678') });
    const checkoutRequestId = String(accepted.body['CheckoutRequestID']);
    await receiver.waitFor(() => callbacksFor(checkoutRequestId).length === 1, 5000);
    expect((await call('POST', `/_simulator/stkpush/${checkoutRequestId}/callback`)).status).toBe(200);
    await receiver.waitFor(() => callbacksFor(checkoutRequestId).length === 2, 5000);
    expect(callbacksFor(checkoutRequestId)[1]).toEqual(callbacksFor(checkoutRequestId)[0]);
  });

  it.each([
    ['a wrong password', { Password: stkPassword(ACCOUNT.shortcode, 'wrong-passkey', nairobiTimestamp(new Date())) }, 500, '500.001.1001', 'Wrong credentials'],
    ["another account's shortcode", { BusinessShortCode: '600000' }, 400, '400.002.02', 'Bad Request - Invalid BusinessShortCode'],
    ['a fractional amount', { Amount: 10.5 }, 400, '400.002.02', 'Bad Request - Invalid Amount'],
    ['an amount over the limit', { Amount: 250_001 }, 400, '400.002.02', 'Bad Request - Invalid Amount'],
    ['a phone not in 254 form', { PhoneNumber: '0712345678', PartyA: '0712345678' }, 400, '400.002.02', 'Bad Request - Invalid PhoneNumber'],
    ['a malformed timestamp', { Timestamp: '2024-01-01' }, 400, '400.002.02', 'Bad Request - Invalid Timestamp'],
    ['no callback URL', { CallBackURL: 'not a url' }, 400, '400.002.02', 'Bad Request - Invalid CallBackURL'],
  ])('refuses an STK push with %s', async (_, overrides, status, errorCode, errorMessage) => {
    const auth = await token();
    expect(await call('POST', '/mpesa/stkpush/v1/processrequest', { auth, body: stkPush('254708374149', overrides) })).toEqual({
      status,
      body: { requestId: expect.any(String), errorCode, errorMessage },
    });
  });

  it('reverses a paid transaction once, sending each result to the ResultURL', async () => {
    const auth = await token();
    const accepted = await call('POST', '/mpesa/stkpush/v1/processrequest', { auth, body: stkPush('254708374149', { Amount: 40 }) });
    const checkoutRequestId = String(accepted.body['CheckoutRequestID']);
    await receiver.waitFor(() => callbacksFor(checkoutRequestId).length === 1, 5000);
    const receipt = String(callbacksFor(checkoutRequestId)[0].Body.stkCallback.CallbackMetadata!.Item[1].Value);
    const reversal = {
      Initiator: 'apiop',
      SecurityCredential: 'c2VjdXJpdHk=',
      CommandID: 'TransactionReversal',
      TransactionID: receipt,
      Amount: 40,
      ReceiverParty: ACCOUNT.shortcode,
      RecieverIdentifierType: '11',
      ResultURL: `${receiver.url}/result`,
      QueueTimeOutURL: `${receiver.url}/timeout`,
      Remarks: 'Refund',
      Occasion: 're_1',
    };
    const results = () => receiver.received.filter((delivery) => delivery.body.includes('"Result"')).map((delivery) => JSON.parse(delivery.body) as ReversalResultBody);
    const first = await call('POST', '/mpesa/reversal/v1/request', { auth, body: reversal });
    expect(first).toEqual({
      status: 200,
      body: { OriginatorConversationID: expect.any(String), ConversationID: expect.stringMatching(/^AG_\d{8}_[A-Z0-9]{20}$/), ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' },
    });
    await receiver.waitFor(() => results().some((body) => body.Result.ConversationID === first.body['ConversationID']), 5000);
    const done = results().find((body) => body.Result.ConversationID === first.body['ConversationID'])!.Result;
    expect(done).toMatchObject({ ResultType: 0, ResultCode: 0, OriginatorConversationID: first.body['OriginatorConversationID'], TransactionID: expect.stringMatching(/^[A-Z0-9]{10}$/) });
    expect(done.ResultParameters!.ResultParameter).toContainEqual({ Key: 'OriginalTransactionID', Value: receipt });

    const again = await call('POST', '/mpesa/reversal/v1/request', { auth, body: reversal });
    await receiver.waitFor(() => results().some((body) => body.Result.ConversationID === again.body['ConversationID']), 5000);
    expect(results().find((body) => body.Result.ConversationID === again.body['ConversationID'])!.Result).toMatchObject({
      ResultCode: 'R000001',
      ResultDesc: 'The transaction has already been reversed.',
    });
  });

  it("takes the push but resets the connection instead of answering for the lost-answer numbers, once the callback went for the late one", async () => {
    const auth = await token();
    const push = (phone: string) =>
      fetch(`${base}/mpesa/stkpush/v1/processrequest`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(stkPush(phone, { AccountReference: phone.slice(-8) })) });
    await expect(push(TEST_PHONES.lostAnswer)).rejects.toThrow();
    expect(simulator.pushesFor(TEST_PHONES.lostAnswer.slice(-8))).toBe(1);
    const lost = () => receiver.received.filter((delivery) => delivery.body.includes(`"Value":${TEST_PHONES.lostAnswer}`));
    await receiver.waitFor(() => lost().length === 1, 5000);

    const started = Date.now();
    await expect(push(TEST_PHONES.lostAnswerAfterCallback)).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(DELAY_MS);
    // The callback went out before the reset (it may be answered after it: Daraja's answer does not wait on the merchant).
    await receiver.waitFor(() => receiver.received.some((delivery) => delivery.body.includes(`"Value":${TEST_PHONES.lostAnswerAfterCallback}`)), 5000);

    await expect(push(TEST_PHONES.lostAnswerNeverAnswered)).rejects.toThrow();
    await sleep(DELAY_MS * 4);
    expect(simulator.pushesFor(TEST_PHONES.lostAnswerNeverAnswered.slice(-8))).toBe(1);
    expect(simulator.deliveries.some((delivery) => delivery.url === receiver.url && JSON.stringify(delivery.body).includes(TEST_PHONES.lostAnswerNeverAnswered))).toBe(false);
  });

  it("answers a Transaction Status query about a reversal by callback: Completed with its receipt, even when the reversal's own result was never sent", async () => {
    const auth = await token();
    const accepted = await call('POST', '/mpesa/stkpush/v1/processrequest', { auth, body: stkPush(TEST_PHONES.lostReversalResult, { Amount: 30 }) });
    const checkoutRequestId = String(accepted.body['CheckoutRequestID']);
    await receiver.waitFor(() => callbacksFor(checkoutRequestId).length === 1, 5000);
    const receipt = String(callbacksFor(checkoutRequestId)[0].Body.stkCallback.CallbackMetadata!.Item[1].Value);
    const initiator = { Initiator: 'apiop', SecurityCredential: 'c2VjdXJpdHk=' };
    const reversal = await call('POST', '/mpesa/reversal/v1/request', {
      auth,
      body: { ...initiator, CommandID: 'TransactionReversal', TransactionID: receipt, Amount: 30, ReceiverParty: ACCOUNT.shortcode, RecieverIdentifierType: '11', ResultURL: `${receiver.url}/reversal`, QueueTimeOutURL: `${receiver.url}/reversal`, Remarks: 'Refund', Occasion: 're_2' },
    });
    const conversationId = String(reversal.body['ConversationID']);
    await sleep(DELAY_MS * 4);
    const results = () => receiver.received.filter((delivery) => delivery.body.includes(conversationId)).map((delivery) => JSON.parse(delivery.body) as ReversalResultBody);
    expect(results()).toEqual([]);

    const query = { ...initiator, CommandID: 'TransactionStatusQuery', OriginalConversationID: conversationId, PartyA: ACCOUNT.shortcode, IdentifierType: '4', ResultURL: `${receiver.url}/status`, QueueTimeOutURL: `${receiver.url}/status`, Remarks: 'Status', Occasion: '' };
    const asked = await call('POST', '/mpesa/transactionstatus/v1/query', { auth, body: query });
    expect(asked).toEqual({ status: 200, body: { OriginatorConversationID: expect.any(String), ConversationID: expect.stringMatching(/^AG_/), ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' } });
    await receiver.waitFor(() => results().length === 1, 5000);
    const status = results()[0].Result;
    expect(status).toMatchObject({ ResultCode: 0, ConversationID: asked.body['ConversationID'] });
    expect(status.ResultParameters!.ResultParameter).toEqual(
      expect.arrayContaining([{ Key: 'TransactionStatus', Value: 'Completed' }, { Key: 'Conversation ID', Value: conversationId }, { Key: 'Amount', Value: 30 }, { Key: 'ReceiptNo', Value: expect.stringMatching(/^[A-Z0-9]{10}$/) }]),
    );

    const unknown = await call('POST', '/mpesa/transactionstatus/v1/query', { auth, body: { ...query, OriginalConversationID: 'AG_20260101_00000000000000000000' } });
    await receiver.waitFor(() => receiver.received.some((delivery) => delivery.body.includes(String(unknown.body['ConversationID']))), 5000);
    expect(JSON.parse(receiver.received.find((delivery) => delivery.body.includes(String(unknown.body['ConversationID'])))!.body)).toMatchObject({ Result: { ResultCode: 'R000002' } });
    expect((await call('POST', '/mpesa/transactionstatus/v1/query', { auth, body: { ...query, CommandID: 'Other' } })).body).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid CommandID' });
  });
});
