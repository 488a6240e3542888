import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { signRequest } from '@payrail/signing';
import { builtEntry, createMerchant, type MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const run = promisify(execFile);

interface Answer {
  status: number;
  body: { error?: { type: string; code: string; message: string } | string; error_description?: string; access_token?: string };
}

/** What an operator types: `npm run merchant-status -- suspend --merchant acct_…`. */
async function merchantStatus(...args: string[]): Promise<{ merchant: string; status: string }> {
  const env = JSON.parse(process.env.PAYRAIL_TEST_ENV ?? '{}') as NodeJS.ProcessEnv;
  const { stdout } = await run(process.execPath, [builtEntry('auth', 'merchant-status-cli.js'), ...args], {
    env: { ...process.env, ...env, DATABASE_URL: process.env.PAYRAIL_TEST_DATABASE_URL },
  });
  return JSON.parse(stdout) as { merchant: string; status: string };
}

async function call(path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, init);
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const withKey = (key: string) => call('/v1/payment_intents?limit=1', { headers: { authorization: `Bearer ${key}` } });

async function tokenFor(credentials: MerchantCredentials): Promise<Answer> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.client_id, client_secret: credentials.client_secret });
  return call('/oauth/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}

function signedList(credentials: MerchantCredentials): Promise<Answer> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  const path = '/v1/payment_intents?limit=1';
  const signature = signRequest(credentials.signing_secret, { method: 'GET', path, timestamp, nonce, rawBody: '' });
  return call(path, { headers: { 'X-API-KEY': credentials.signing_key, 'X-API-TIMESTAMP': timestamp, 'X-API-NONCE': nonce, 'X-API-SIGNATURE': signature } });
}

/** The edge remembers a verified key for a few seconds, and polls the deny list every two: bounded waits. */
async function eventually(probe: () => Promise<Answer>, until: (answer: Answer) => boolean): Promise<Answer> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const answer = await probe();
    if (until(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('an operator suspends a merchant, and resumes it', () => {
  let merchant: MerchantCredentials;
  let bystander: MerchantCredentials;

  beforeAll(async () => {
    [merchant, bystander] = await Promise.all([createMerchant('Suspended Goods'), createMerchant('Bystander Goods')]);
  });

  it('refuses every credential of the merchant with 403 account_suspended while suspended, and nobody else\'s', async () => {
    expect((await withKey(merchant.secret_key)).status).toBe(200);
    const token = (await tokenFor(merchant)).body.access_token!;
    expect((await withKey(token)).status).toBe(200);

    expect(await merchantStatus('suspend', '--merchant', merchant.merchant_id, '--reason', 'chargeback review')).toMatchObject({ merchant: merchant.merchant_id, status: 'suspended' });

    const refused = await eventually(() => withKey(merchant.secret_key), (answer) => answer.status !== 200);
    expect(refused).toEqual({ status: 403, body: { error: expect.objectContaining({ type: 'invalid_request_error', code: 'account_suspended' }) } });
    expect((await withKey(merchant.publishable_key)).status).toBe(403);
    expect(await signedList(merchant)).toMatchObject({ status: 403, body: { error: { code: 'account_suspended' } } });
    // A token issued before the suspension is on the edge's deny list; no new one is issued.
    expect((await eventually(() => withKey(token), (answer) => answer.status !== 200)).status).toBe(401);
    expect(await tokenFor(merchant)).toMatchObject({ body: { error: 'unauthorized_client', error_description: expect.stringContaining('suspended') } });
    const login = await call('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: merchant.username, password: merchant.password }),
    });
    expect(login.status).toBe(403);

    expect((await withKey(bystander.secret_key)).status).toBe(200);
    expect((await tokenFor(bystander)).status).toBe(200);
  });

  it('takes the merchant\'s keys and clients again once resumed', async () => {
    expect(await merchantStatus('resume', '--merchant', merchant.merchant_id)).toMatchObject({ status: 'active' });
    expect((await eventually(() => withKey(merchant.secret_key), (answer) => answer.status === 200)).status).toBe(200);
    expect((await signedList(merchant)).status).toBe(200);
    // Issued again; the edge takes it once the suspension's in-flight window (30 s past it) has passed.
    expect((await tokenFor(merchant)).body.access_token).toEqual(expect.any(String));
  });

  it('tells an operator who mistyped what to type', async () => {
    const failure = await merchantStatus('pause', '--merchant', merchant.merchant_id).catch((error: unknown) => error as { stderr: string });
    expect((failure as { stderr: string }).stderr).toContain('usage: merchant-status-cli suspend --merchant');
  });
});
