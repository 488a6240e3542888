import { createMerchant, type MerchantCredentials } from '@payrail/testing';

const baseUrl = () => process.env.PAYRAIL_TEST_BASE_URL!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface EngineError {
  error: { code: string; message: string; details: Record<string, unknown>; timestamp: string; requestId: string | null };
}

/**
 * The Payment Engine document's integration tests, against Payrail's /api/v1 surface with the document's
 * field names, decimal amounts, X-API-Key or OAuth bearer, and error body.
 */
describe('ledger: the Payment Engine document\'s surface', () => {
  let credentials: MerchantCredentials;
  let client: ReturnType<typeof engineClient>;

  function engineClient(headers: Record<string, string>) {
    const request = async <T>(method: string, path: string, body?: object) => {
      const response = await fetch(`${baseUrl()}/api/v1${path}`, { method, headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: response.status, body: (await response.json()) as T };
    };
    return {
      request,
      create: (params: object) => request<Record<string, unknown> & EngineError>('POST', '/transactions', params),
      getStatus: async (id: string) => (await request<{ status: string }>('GET', `/transactions/${id}/status`)).body,
      getBalance: async (id: string) => (await request<{ availableBalance: number; pendingBalance: number; currencyCode: string }>('GET', `/accounts/${id}/balance`)).body,
    };
  }

  beforeAll(async () => {
    credentials = await createMerchant('Payment Engine Integrator');
    client = engineClient({ 'X-API-Key': credentials.secret_key });
    for (let tries = 0; (await client.request('GET', '/accounts/test_acc_empty')).status !== 200; tries++) {
      if (tries > 150) throw new Error('the sandbox accounts never appeared');
      await sleep(200);
    }
  });

  it('Successful Payment Flow: an RTP transaction completes', async () => {
    const transaction = await client.create({ fromAccountId: 'test_acc_001', toAccountId: 'test_acc_002', paymentTypeId: 'rtp', amount: 100.0, description: 'Test payment' });
    expect(transaction.status).toBe(201);
    expect(transaction.body).toMatchObject({ fromAccountId: 'test_acc_001', toAccountId: 'test_acc_002', paymentTypeId: 'RTP', amount: 100, currencyCode: 'USD', status: 'COMPLETED', description: 'Test payment' });
    await sleep(1000);
    expect((await client.getStatus(transaction.body.id as string)).status).toBe('COMPLETED');
    expect(await client.getBalance('test_acc_002')).toEqual({ accountId: 'test_acc_002', availableBalance: 5100, pendingBalance: 0, currencyCode: 'USD' });
  });

  it('Asynchronous Payment Processing: an ACH_CREDIT transaction pends, then completes', async () => {
    const transaction = await client.create({ fromAccountId: 'test_acc_001', toAccountId: 'test_acc_002', paymentTypeId: 'ACH_CREDIT', amount: 12.34, description: 'Invoice', externalReference: 'ORDER-1' });
    expect(transaction.body).toMatchObject({ status: 'PENDING', amount: 12.34, externalReference: 'ORDER-1' });
    expect((await client.getBalance('test_acc_002')).pendingBalance).toBe(12.34);
    let status = 'PENDING';
    for (let attempt = 0; status === 'PENDING' && attempt < 60; attempt++) {
      await sleep(250);
      status = (await client.getStatus(transaction.body.id as string)).status;
    }
    expect(status).toBe('COMPLETED');
    const listed = await client.request<{ data: Array<{ id: string }> }>('GET', '/transactions?accountId=test_acc_002&status=completed');
    expect(listed.body.data.map((entry) => entry.id)).toContain(transaction.body.id);
  });

  it('Insufficient Funds: 422 INSUFFICIENT_FUNDS in the document\'s error body', async () => {
    const refused = await client.create({ fromAccountId: 'test_acc_empty', toAccountId: 'test_acc_002', paymentTypeId: 'rtp', amount: 1000.0, description: 'Test payment' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { accountId: 'test_acc_empty', requestedAmount: 1000, availableBalance: 0 } });
    expect(Date.parse(refused.body.error.timestamp)).not.toBeNaN();
    expect(refused.body.error.requestId).toEqual(expect.any(String));
  });

  it('answers OAuth access tokens, and refuses bad input and missing credentials in the same body', async () => {
    const token = await fetch(`${baseUrl()}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.client_id, client_secret: credentials.client_secret }),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const withToken = engineClient({ Authorization: `Bearer ${accessToken}` });
    expect((await withToken.getBalance('test_acc_001')).currencyCode).toBe('USD');

    const badType = await client.create({ fromAccountId: 'test_acc_001', toAccountId: 'test_acc_002', paymentTypeId: 'CHEQUE', amount: 1 });
    expect(badType.status).toBe(400);
    expect(badType.body.error).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'paymentTypeId' } });
    const tooPrecise = await client.create({ fromAccountId: 'test_acc_001', toAccountId: 'test_acc_002', paymentTypeId: 'RTP', amount: 1.005 });
    expect(tooPrecise.body.error).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'amount' } });
    const anonymous = await engineClient({}).request<EngineError>('GET', '/accounts');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
    const missing = await client.request<EngineError>('GET', '/transactions/tr_missing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
