import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createMerchant } from '@payrail/testing';

const run = promisify(execFile);
const baseUrl = () => process.env.PAYRAIL_TEST_BASE_URL!;

interface Account {
  id: string;
  status: string;
  currency: string;
  available_balance: number;
  pending_balance: number;
}
interface Transfer {
  id: string;
  status: string;
  amount: number;
  fee: number;
  from_account: string;
  to_account: string;
  return_code: string | null;
  failure_reason: string | null;
}
interface ErrorBody {
  error: { code: string; type: string; param?: string; details?: Record<string, unknown> };
}

function api(secretKey: string) {
  return async <T>(method: string, path: string, body?: object, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { Authorization: `Bearer ${secretKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T };
  };
}

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Accounts and transfers on the ledger, over HTTP as an integrator calls them. Each merchant's test mode
 * starts with the Payment Engine document's accounts: test_acc_001 (10,000.00 USD), test_acc_002
 * (5,000.00 USD) and test_acc_empty. The test platform settles ACH and wires after about a second.
 */
describe('ledger: accounts and transfers', () => {
  let call: ReturnType<typeof api>;
  let neighbour: ReturnType<typeof api>;
  const account = async (id: string) => (await call<Account>('GET', `/v1/accounts/${id}`)).body;
  const transfer = (params: object, headers?: Record<string, string>) => call<Transfer & ErrorBody>('POST', '/v1/transfers', params, headers);

  beforeAll(async () => {
    call = api((await createMerchant('Ledger Transfers Ltd')).secret_key);
    neighbour = api((await createMerchant('Ledger Transfers Neighbour')).secret_key);
    // The sandbox accounts are opened when the ledger hears of the new merchant.
    await eventually(async () => ((await call<Account>('GET', '/v1/accounts/test_acc_empty')).status === 200 ? true : undefined));
  });

  it('starts a sandbox merchant with the document\'s test accounts', async () => {
    const list = await call<{ data: Account[] }>('GET', '/v1/accounts?limit=10');
    expect(list.body.data.map((entry) => [entry.id, entry.available_balance, entry.status, entry.currency]).sort()).toEqual([
      ['test_acc_001', 1_000_000, 'active', 'usd'],
      ['test_acc_002', 500_000, 'active', 'usd'],
      ['test_acc_empty', 0, 'active', 'usd'],
    ]);
    const balance = await call<{ available_balance: number; pending_balance: number }>('GET', '/v1/accounts/test_acc_002/balance');
    expect(balance.body).toMatchObject({ account: 'test_acc_002', currency: 'usd', available_balance: 500_000, pending_balance: 0 });
  });

  it('completes an RTP transfer in the response; holds an ACH transfer\'s funds until it settles', async () => {
    const from = await account('test_acc_001');
    const to = await account('test_acc_002');
    const rtp = await transfer({ from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'RTP', amount: 10_000, description: 'Test payment' });
    expect(rtp.status).toBe(200);
    expect(rtp.body).toMatchObject({ object: 'transfer', status: 'COMPLETED', amount: 10_000, fee: 0, currency: 'usd' });
    expect(rtp.body.id).toMatch(/^tr_/);
    expect((await account('test_acc_001')).available_balance).toBe(from.available_balance - 10_000);
    expect((await account('test_acc_002')).available_balance).toBe(to.available_balance + 10_000);

    const ach = await transfer({ from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'ACH_CREDIT', amount: 5_000, external_reference: 'order-77' });
    expect(ach.body.status).toBe('PENDING');
    expect((await account('test_acc_001')).available_balance).toBe(from.available_balance - 15_000);
    expect((await account('test_acc_002')).pending_balance).toBe(5_000);
    const settled = await eventually(async () => {
      const polled = (await call<Transfer>('GET', `/v1/transfers/${ach.body.id}`)).body;
      return polled.status === 'COMPLETED' ? polled : undefined;
    });
    expect(settled.status).toBe('COMPLETED');
    const after = await account('test_acc_002');
    expect(after.available_balance).toBe(to.available_balance + 15_000);
    expect(after.pending_balance).toBe(0);
    const byReference = await call<{ data: Transfer[] }>('GET', '/v1/transfers?external_reference=order-77');
    expect(byReference.body.data.map((entry) => entry.id)).toEqual([ach.body.id]);
  });

  it('charges the sender a wire\'s fee on top of the amount', async () => {
    const before = await account('test_acc_001');
    const wire = await transfer({ from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'WIRE_DOMESTIC', amount: 100_00 });
    expect(wire.body).toMatchObject({ status: 'PENDING', amount: 100_00, fee: 25_00 });
    expect((await account('test_acc_001')).available_balance).toBe(before.available_balance - 125_00);
  });

  it('refuses a transfer the account cannot pay with 422 insufficient_funds and its details, moving nothing', async () => {
    const refused = await transfer({ from_account: 'test_acc_empty', to_account: 'test_acc_002', payment_type: 'RTP', amount: 1000_00 });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'insufficient_funds', details: { account_id: 'test_acc_empty', requested_amount: 1000_00, available_balance: 0 } });
    expect((await account('test_acc_empty')).available_balance).toBe(0);
  });

  it('refuses to move money into or out of a frozen account with 422 account_status_invalid', async () => {
    const opened = await call<Account>('POST', '/v1/accounts', { currency: 'usd', external_reference: 'vendor-9', metadata: { team: 'ops' } });
    expect(opened.body).toMatchObject({ status: 'active', available_balance: 0, currency: 'usd' });
    const frozen = await call<Account>('POST', `/v1/accounts/${opened.body.id}`, { status: 'frozen' });
    expect(frozen.body.status).toBe('frozen');
    const refused = await transfer({ from_account: 'test_acc_001', to_account: opened.body.id, payment_type: 'RTP', amount: 100 });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'account_status_invalid', param: 'to_account', details: { account_id: opened.body.id, status: 'frozen' } });
  });

  it('returns an ACH transfer with its return code, giving the held funds back', async () => {
    const before = await account('test_acc_001');
    const ach = await transfer({ from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'ACH_DEBIT', amount: 7_00, metadata: { sandbox_return_code: 'R01' } });
    expect(ach.body.status).toBe('PENDING');
    const returned = await eventually(async () => {
      const polled = (await call<Transfer>('GET', `/v1/transfers/${ach.body.id}`)).body;
      return polled.status === 'PENDING' ? undefined : polled;
    });
    expect(returned).toMatchObject({ status: 'RETURNED', return_code: 'R01', failure_reason: 'insufficient_funds' });
    expect((await account('test_acc_001')).available_balance).toBe(before.available_balance);
  });

  it('moves money once for one Idempotency-Key', async () => {
    const before = await account('test_acc_002');
    const key = `transfer-${randomBytes(6).toString('hex')}`;
    const params = { from_account: 'test_acc_002', to_account: 'test_acc_001', payment_type: 'RTP', amount: 3_00 };
    const first = await transfer(params, { 'Idempotency-Key': key });
    const again = await transfer(params, { 'Idempotency-Key': key });
    expect(again.body.id).toBe(first.body.id);
    expect((await account('test_acc_002')).available_balance).toBe(before.available_balance - 3_00);
  });

  it('lets concurrent transfers spend an account\'s money once, never below zero', async () => {
    const opened = (await call<Account>('POST', '/v1/accounts', { currency: 'usd' })).body;
    await transfer({ from_account: 'test_acc_001', to_account: opened.id, payment_type: 'RTP', amount: 10_00 });
    const attempts = await Promise.all(Array.from({ length: 16 }, () => transfer({ from_account: opened.id, to_account: 'test_acc_002', payment_type: 'RTP', amount: 1_00 })));
    expect(attempts.filter((attempt) => attempt.status === 200)).toHaveLength(10);
    expect(attempts.filter((attempt) => attempt.status === 422).every((attempt) => attempt.body.error.code === 'insufficient_funds')).toBe(true);
    expect((await account(opened.id)).available_balance).toBe(0);
  });

  it('announces transfers as events the merchant can list', async () => {
    const rtp = await transfer({ from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'RTP', amount: 1_00 });
    const types = await eventually(async () => {
      const events = await call<{ data: Array<{ type: string; data: { object: { id: string } } }> }>('GET', '/v1/events?limit=100');
      const mine = events.body.data.filter((event) => event.data.object.id === rtp.body.id).map((event) => event.type);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(types.sort()).toEqual(['transaction.completed', 'transaction.created']);
  });

  it('keeps each merchant\'s accounts and transfers its own; bad input is a 400 that names the parameter', async () => {
    const rtp = await transfer({ from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'RTP', amount: 1_00 });
    expect((await neighbour('GET', `/v1/transfers/${rtp.body.id}`)).status).toBe(404);
    const neighbourAccount = await eventually(async () => {
      const found = await neighbour<Account>('GET', '/v1/accounts/test_acc_001');
      return found.status === 200 ? found.body : undefined;
    });
    expect(neighbourAccount.available_balance).toBe(1_000_000);

    const badType = await transfer({ from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'CHEQUE', amount: 100 });
    expect(badType.status).toBe(400);
    expect(badType.body.error.param).toBe('payment_type');
    const zero = await transfer({ from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type: 'RTP', amount: 0 });
    expect(zero.body.error).toMatchObject({ code: 'amount_too_small', param: 'amount' });
    const missing = await transfer({ from_account: 'test_acc_001', to_account: 'acc_nope', payment_type: 'RTP', amount: 100 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.param).toBe('to_account');
  });

  it('answers an update that sets nothing with the account as it is', async () => {
    const before = await account('test_acc_empty');
    const updated = await call<Account>('POST', '/v1/accounts/test_acc_empty', {});
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual(before);
  });

  it('agrees with a full recomputation from the postings (npm run ledger:check)', async () => {
    const { stdout } = await run(process.execPath, ['scripts/ledger-check.mjs'], { env: { ...process.env, DATABASE_URL: process.env.PAYRAIL_TEST_DATABASE_URL } });
    expect(stdout).toContain('ledger check passed');
  });
});
