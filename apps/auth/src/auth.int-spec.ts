import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Patterns, Topics, type AuthEvent, type VerifiedApiKey } from '@payrail/contracts';
import type { Reply } from '@payrail/messaging';
import type { DataSource } from 'typeorm';
import { AuthModule } from './auth.module.js';
import { SecretBox } from '@payrail/signing';
import { SIGNING_SECRET_PURPOSE } from './signing-keys/signing-key-issuer.js';
import { runBootstrapCommand } from './merchant-bootstrap/bootstrap-command.js';
import { bootstrapMerchant, ensureSandboxMerchant, type MerchantCredentials } from './merchant-bootstrap/index.js';
import { AuthServiceUnderTest } from './testing/auth-service-under-test.js';

describe('auth service (embedded Postgres, in-process broker)', () => {
  const auth = new AuthServiceUnderTest();
  const { broker, pepper: PEPPER, secretsKey: SECRETS_KEY } = auth;
  const request = auth.bus.send;
  let databaseUrl: string;
  let dataSource: DataSource;
  let workDir: string;
  const authEvents: AuthEvent[] = [];

  async function verify(key: string): Promise<Reply> {
    return request(Patterns.AuthApiKeyVerify, { key });
  }

  async function verified(key: string): Promise<VerifiedApiKey> {
    const reply = await verify(key);
    if (!reply.ok) throw new Error(`expected ${key.slice(0, 8)}… to verify, got ${reply.error.code}`);
    return reply.data as VerifiedApiKey;
  }

  async function newMerchant(name: string): Promise<MerchantCredentials> {
    return auth.bootstrap({ name });
  }

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'payrail-auth-'));
    await broker.consumeEvents('auth-spec', new Map([[Topics.AuthEvents, async (event) => void authEvents.push(event.data as AuthEvent)]]));
    ({ dataSource } = await auth.start());
    databaseUrl = auth.database.url;
  });

  afterAll(async () => {
    await auth.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('answers its ping', async () => {
    await expect(request(Patterns.AuthPing, {})).resolves.toEqual({ ok: true, data: { service: 'auth', ready: true } });
  });

  it('refuses to start without a long enough pepper, naming the variable only', () => {
    const env = { PAYRAIL_API_KEY_PEPPER: 'short-pepper-value', PAYRAIL_SECRETS_KEY: SECRETS_KEY };
    expect(() => AuthModule.forRoot({ broker, databaseUrl, env })).toThrow(/PAYRAIL_API_KEY_PEPPER/);
    expect(() => AuthModule.forRoot({ broker, databaseUrl, env })).not.toThrow(/short-pepper-value/);
  });

  describe('a bootstrapped merchant', () => {
    let acme: MerchantCredentials;

    beforeAll(async () => {
      acme = await newMerchant('Acme');
    });

    it('gets test-mode credentials of the documented shapes', () => {
      expect(acme.merchant_id).toMatch(/^mch_[A-Za-z0-9]+$/);
      expect(acme.secret_key).toMatch(/^sk_test_[A-Za-z0-9]{32,}$/);
      expect(acme.publishable_key).toMatch(/^pk_test_[A-Za-z0-9]{32,}$/);
      expect(acme.client_id).toMatch(/^cli_[A-Za-z0-9]+$/);
      expect(acme.signing_key).toMatch(/^hk_[A-Za-z0-9]+$/);
      expect(acme.client_secret.length).toBeGreaterThanOrEqual(32);
      expect(acme.signing_secret.length).toBeGreaterThanOrEqual(32);
      expect(acme.username).toMatch(/^acme-[a-z0-9]{6}$/);
      expect(acme.password.length).toBeGreaterThanOrEqual(16);
    });

    it('verifies its secret and publishable keys', async () => {
      const secret = await verified(acme.secret_key);
      const publishable = await verified(acme.publishable_key);
      expect(secret).toEqual({ keyId: expect.stringMatching(/^key_/), merchantId: acme.merchant_id, livemode: false, type: 'secret', expiresAt: null });
      expect(publishable).toEqual({ keyId: expect.stringMatching(/^key_/), merchantId: acme.merchant_id, livemode: false, type: 'publishable', expiresAt: null });
      expect(secret.keyId).not.toBe(publishable.keyId);
    });

    it('keeps no plaintext secret in the database', async () => {
      const dump = JSON.stringify([
        await dataSource.query(`SELECT * FROM "auth"."api_keys" WHERE "merchant_id" = $1`, [acme.merchant_id]),
        await dataSource.query(`SELECT * FROM "auth"."users" WHERE "merchant_id" = $1`, [acme.merchant_id]),
        await dataSource.query(`SELECT * FROM "auth"."oauth_clients" WHERE "merchant_id" = $1`, [acme.merchant_id]),
        await dataSource.query(`SELECT * FROM "auth"."signing_keys" WHERE "merchant_id" = $1`, [acme.merchant_id]),
        await dataSource.query(`SELECT * FROM "auth"."outbox"`),
      ]);
      for (const secret of [acme.secret_key, acme.publishable_key, acme.client_secret, acme.signing_secret, acme.password]) {
        expect(dump).not.toContain(secret);
        expect(dump).not.toContain(secret.slice(-20));
      }
      const [row] = (await dataSource.query(`SELECT "prefix", "last4", "key_hash" FROM "auth"."api_keys" WHERE "merchant_id" = $1 AND "type" = 'secret'`, [
        acme.merchant_id,
      ])) as Array<{ prefix: string; last4: string; key_hash: string }>;
      expect(row.prefix).toBe('sk_test_');
      expect(row.last4).toBe(acme.secret_key.slice(-4));
    });

    it('keeps the signing secret sealed, openable only with the secrets key and for its own row', async () => {
      const [row] = (await dataSource.query(`SELECT "id", "secret_ciphertext", "livemode" FROM "auth"."signing_keys" WHERE "id" = $1`, [
        acme.signing_key,
      ])) as Array<{ id: string; secret_ciphertext: string; livemode: boolean }>;
      expect(row.livemode).toBe(false);
      const box = SecretBox.fromRootKey(SECRETS_KEY, SIGNING_SECRET_PURPOSE);
      expect(box.open(row.secret_ciphertext, row.id)).toBe(acme.signing_secret);
      expect(() => box.open(row.secret_ciphertext, 'hk_other')).toThrow();
    });

    it('announces merchant.created through the outbox', async () => {
      for (let waited = 0; waited < 5000 && !authEvents.some((e) => e.aggregateId === acme.merchant_id); waited += 50) await sleep(50);
      const event = authEvents.find((e) => e.aggregateId === acme.merchant_id);
      expect(event).toMatchObject({
        type: 'merchant.created',
        merchantId: acme.merchant_id,
        livemode: false,
        data: { object: { id: acme.merchant_id, name: 'Acme' } },
      });
      expect(event!.id).toMatch(/^evt_/);
      expect(JSON.stringify(event)).not.toContain(acme.secret_key);
    });
  });

  it('refuses an unknown key with api_key_invalid and a redacted message', async () => {
    const reply = await verify('sk_test_NoSuchKeyExistsAnywhereInThisDatabaseabcd');
    expect(reply).toMatchObject({ ok: false, error: { code: 'api_key_invalid' } });
    const message = (reply as { error: { message: string } }).error.message;
    expect(message).toBe('Invalid API Key provided: sk_test_****abcd');
  });

  it('refuses a revoked key', async () => {
    const merchant = await newMerchant('Revoked Ltd');
    const { keyId } = await verified(merchant.secret_key);
    await dataSource.query(`UPDATE "auth"."api_keys" SET "revoked_at" = now() WHERE "id" = $1`, [keyId]);
    await expect(verify(merchant.secret_key)).resolves.toMatchObject({ ok: false, error: { code: 'api_key_invalid' } });
    await expect(verified(merchant.publishable_key)).resolves.toMatchObject({ merchantId: merchant.merchant_id });
  });

  it('refuses an expired key, and accepts one whose expiry is still ahead', async () => {
    const merchant = await newMerchant('Expired Ltd');
    const secret = await verified(merchant.secret_key);
    const publishable = await verified(merchant.publishable_key);
    await dataSource.query(`UPDATE "auth"."api_keys" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`, [secret.keyId]);
    await dataSource.query(`UPDATE "auth"."api_keys" SET "expires_at" = now() + interval '1 hour' WHERE "id" = $1`, [publishable.keyId]);
    await expect(verify(merchant.secret_key)).resolves.toMatchObject({ ok: false, error: { code: 'api_key_invalid' } });
    await expect(verified(merchant.publishable_key)).resolves.toMatchObject({ merchantId: merchant.merchant_id });
  });

  it('resolves two merchants’ keys to two merchants', async () => {
    const [first, second] = [await newMerchant('Twin'), await newMerchant('Twin')];
    expect(first.merchant_id).not.toBe(second.merchant_id);
    expect(first.username).not.toBe(second.username);
    expect((await verified(first.secret_key)).merchantId).toBe(first.merchant_id);
    expect((await verified(second.secret_key)).merchantId).toBe(second.merchant_id);
  });

  it('refuses a username that is taken, creating nothing', async () => {
    const username = `taken-${randomBytes(4).toString('hex')}`;
    await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Taken', username });
    const [{ count: before }] = (await dataSource.query(`SELECT count(*)::int AS count FROM "auth"."merchants"`)) as Array<{ count: number }>;
    await expect(bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Again', username: username.toUpperCase() })).rejects.toMatchObject({
      code: 'parameter_invalid',
    });
    const [{ count: after }] = (await dataSource.query(`SELECT count(*)::int AS count FROM "auth"."merchants"`)) as Array<{ count: number }>;
    expect(after).toBe(before);
  });

  describe('ensureSandboxMerchant', () => {
    it('creates the sandbox once and returns the same credentials after', async () => {
      const credentialsFile = join(workDir, 'sandbox-credentials.json');
      const options = { dataSource, pepper: PEPPER, secretsKey: SECRETS_KEY, credentialsFile };
      const first = await ensureSandboxMerchant(options);
      const second = await ensureSandboxMerchant(options);
      expect(second).toEqual(first);
      expect(JSON.parse(await readFile(credentialsFile, 'utf8'))).toEqual(first);
      expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
      expect(await verified(first.secret_key)).toMatchObject({ merchantId: first.merchant_id, type: 'secret' });
      const [{ name }] = (await dataSource.query(`SELECT "name" FROM "auth"."merchants" WHERE "id" = $1`, [first.merchant_id])) as Array<{ name: string }>;
      expect(name).toBe('Sandbox');
    });

    it('replaces a file whose key no longer works here', async () => {
      const credentialsFile = join(workDir, 'stale-credentials.json');
      const options = { dataSource, pepper: PEPPER, secretsKey: SECRETS_KEY, credentialsFile };
      const first = await ensureSandboxMerchant(options);
      await dataSource.query(`UPDATE "auth"."api_keys" SET "revoked_at" = now() WHERE "merchant_id" = $1`, [first.merchant_id]);
      const second = await ensureSandboxMerchant(options);
      expect(second.merchant_id).not.toBe(first.merchant_id);
      expect(JSON.parse(await readFile(credentialsFile, 'utf8'))).toEqual(second);
    });
  });

  describe('the bootstrap command', () => {
    const env = (): NodeJS.ProcessEnv => ({ DATABASE_URL: databaseUrl, PAYRAIL_API_KEY_PEPPER: PEPPER, PAYRAIL_SECRETS_KEY: SECRETS_KEY });

    it('creates a merchant whose keys the running service accepts', async () => {
      const credentials = await runBootstrapCommand(['--name', 'Cli Corp'], env());
      expect(await verified(credentials.secret_key)).toMatchObject({ merchantId: credentials.merchant_id, type: 'secret', livemode: false });
    });

    it('says what is missing', async () => {
      await expect(runBootstrapCommand([], env())).rejects.toThrow(/--name is required/);
      await expect(runBootstrapCommand(['--name', 'X'], { DATABASE_URL: databaseUrl })).rejects.toThrow(/PAYRAIL_API_KEY_PEPPER/);
      await expect(runBootstrapCommand(['--name', 'X', '--bogus'], env())).rejects.toThrow(/usage/);
    });
  });
});
