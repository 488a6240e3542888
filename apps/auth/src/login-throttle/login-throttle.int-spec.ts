import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Patterns, type OAuthTokenResult } from '@payrail/contracts';
import type { SerializedError } from '@payrail/errors';
import type { InProcessBroker } from '@payrail/messaging';
import type { TestDatabase } from '@payrail/testing';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth.module.js';
import { bootstrapMerchant, type MerchantCredentials } from '../merchant-bootstrap/index.js';
import { AuthServiceUnderTest } from '../testing/auth-service-under-test.js';

const ISSUER = 'http://localhost:3000';
/** Where every request of this spec comes from, as the edge would say. */
const SOURCE_ADDRESS = '192.0.2.1';
/** Tiny thresholds: 3 free failures, then waits of 200 then 400 ms; locked for 1.5 s at the 6th failure. */
const THROTTLE_ENV = {
  PAYRAIL_LOGIN_FREE_FAILURES: '3',
  PAYRAIL_LOGIN_BASE_DELAY_MS: '200',
  PAYRAIL_LOGIN_MAX_DELAY_MS: '400',
  PAYRAIL_LOGIN_LOCK_AFTER_FAILURES: '6',
  PAYRAIL_LOGIN_LOCK_MS: '1500',
};
const POLL_TIMEOUT_MS = 10_000;

describe('login throttling and lockout, for users and for clients (Postgres, transport)', () => {
  const auth = new AuthServiceUnderTest({ env: THROTTLE_ENV });
  const { bus, pepper: PEPPER, secretsKey: SECRETS_KEY } = auth;
  let database: TestDatabase;
  let broker: InProcessBroker;
  let dataSource: DataSource;

  /** The refusal of a login, or null when it succeeded. */
  async function login(username: string, password: string): Promise<SerializedError | null> {
    const reply = await bus.send(Patterns.AuthUserLogin, { username, password, issuer: ISSUER, sourceAddress: SOURCE_ADDRESS });
    return reply.ok ? null : reply.error;
  }

  function clientToken(merchant: MerchantCredentials, clientSecret = merchant.client_secret): Promise<OAuthTokenResult> {
    return bus.ok(Patterns.AuthOAuthToken, {
      grantType: 'client_credentials',
      clientId: merchant.client_id,
      clientSecret,
      authMethod: 'client_secret_basic',
      issuer: ISSUER, sourceAddress: SOURCE_ADDRESS,
    });
  }

  /** Repeats `attempt` while `waiting` says it was refused for now, and returns the first other answer. */
  async function once<T>(attempt: () => Promise<T>, waiting: (answer: T) => boolean): Promise<T> {
    const deadline = Date.now() + POLL_TIMEOUT_MS;
    for (;;) {
      const answer = await attempt();
      if (!waiting(answer) || Date.now() > deadline) return answer;
      await sleep(50);
    }
  }

  const loginWaiting = (refusal: SerializedError | null) => refusal?.code === 'login_throttled' || refusal?.code === 'login_locked';
  const clientWaiting = (result: OAuthTokenResult) => !result.ok && result.retryAfterSeconds !== undefined;

  async function failLogins(username: string, times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      await expect(once(() => login(username, 'wrong-password'), loginWaiting)).resolves.toMatchObject({ code: 'login_failed' });
    }
  }

  beforeAll(async () => {
    ({ database, broker, dataSource } = await auth.start());
  });

  afterAll(() => auth.close());

  it('refuses to start with an invalid threshold, naming it', () => {
    const env = { PAYRAIL_API_KEY_PEPPER: PEPPER, PAYRAIL_SECRETS_KEY: SECRETS_KEY, PAYRAIL_LOGIN_LOCK_MS: 'soon' };
    expect(() => AuthModule.forRoot({ broker, databaseUrl: database.url, env })).toThrow(/PAYRAIL_LOGIN_LOCK_MS/);
  });

  describe('users', () => {
    it('after three failures slows down further attempts without checking the password, and a success clears the count', async () => {
      const owner = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Slowed', username: 'slowed-owner' });
      await failLogins('slowed-owner', 3);
      const throttled = await login('Slowed-Owner', owner.password);
      expect(throttled).toEqual({
        code: 'login_throttled',
        message: 'Too many failed logins: try again in 1 s.',
        details: { retry_after: 1 },
      });

      await expect(once(() => login('slowed-owner', owner.password), loginWaiting)).resolves.toBeNull();
      // Cleared: three more failures are answered at once again.
      await failLogins('slowed-owner', 3);
    });

    it('locks after the threshold, saying until when, then lets the user in once the lock is over', async () => {
      const owner = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Locked', username: 'locked-owner' });
      await failLogins('locked-owner', 6);
      const locked = await login('locked-owner', owner.password);
      expect(locked).toMatchObject({ code: 'login_locked', details: { retry_after: expect.any(Number), locked_until: expect.any(Number) } });
      const lockedUntil = new Date((locked!.details!['locked_until'] as number) * 1000);
      expect(locked!.message).toMatch(/^Too many failed logins: logging in with this username is locked until \d{4}-\d\d-\d\dT[\d:.]+Z\.$/);
      expect(Math.abs(new Date(locked!.message.match(/until (\S+Z)\./)![1]).getTime() - lockedUntil.getTime())).toBeLessThan(1000);

      await expect(once(() => login('locked-owner', owner.password), loginWaiting)).resolves.toBeNull();
    });

    it('throttles a username that does not exist just the same', async () => {
      await failLogins('no-such-user', 3);
      await expect(login('no-such-user', 'wrong-password')).resolves.toMatchObject({ code: 'login_throttled' });
      await failLogins('no-such-user', 3);
      await expect(login('no-such-user', 'wrong-password')).resolves.toMatchObject({ code: 'login_locked' });
    });

    it('admits one of several concurrent attempts once the wait is over', async () => {
      await failLogins('rushed-user', 3);
      await expect(login('rushed-user', 'wrong-password')).resolves.toMatchObject({ code: 'login_throttled' });
      await sleep(250);
      const answers = await Promise.all(Array.from({ length: 5 }, () => login('rushed-user', 'wrong-password')));
      expect(answers.filter((answer) => answer?.code === 'login_failed')).toHaveLength(1);
      expect(answers.filter((answer) => answer?.code === 'login_throttled')).toHaveLength(4);
    });

    it('stores counters under the presented name, never a password', async () => {
      const rows = (await dataSource.query(`SELECT * FROM "auth"."login_attempts"`)) as Array<{ subject: string }>;
      expect(rows.map((row) => row.subject)).toEqual(expect.arrayContaining(['user:no-such-user', 'user:rushed-user']));
      expect(JSON.stringify(rows)).not.toContain('wrong-password');
    });
  });

  describe('clients', () => {
    it('slows down, then locks, a client that fails to authenticate, with the time in the refusal', async () => {
      const merchant = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Hammered' });
      const failed = { ok: false, error: 'invalid_client', errorDescription: 'Client authentication failed.' };
      for (let i = 0; i < 3; i++) await expect(clientToken(merchant, 'wrong-secret')).resolves.toEqual(failed);

      // Refused without looking at the secret, the right one included.
      await expect(clientToken(merchant)).resolves.toEqual({
        ok: false,
        error: 'invalid_client',
        errorDescription: 'Too many failed authentications: the client is slowed down; try again in 1 s.',
        retryAfterSeconds: 1,
      });
      for (let i = 0; i < 3; i++) await expect(once(() => clientToken(merchant, 'wrong-secret'), clientWaiting)).resolves.toEqual(failed);
      const locked = await clientToken(merchant);
      expect(locked).toMatchObject({ ok: false, error: 'invalid_client', retryAfterSeconds: expect.any(Number) });
      expect(!locked.ok && locked.errorDescription).toMatch(/^Too many failed authentications: the client is locked until \d{4}-\d\d-\d\dT[\d:.]+Z\.$/);

      await expect(once(() => clientToken(merchant), clientWaiting)).resolves.toMatchObject({ ok: true });
      await expect(clientToken(merchant)).resolves.toMatchObject({ ok: true });
    });

    it('throttles an unknown client id as it would a real one, at revocation and introspection too', async () => {
      const unknown = { clientId: 'cli_doesnotexist', clientSecret: 'wrong', authMethod: 'client_secret_post' } as const;
      for (let i = 0; i < 3; i++) {
        await expect(bus.ok(Patterns.AuthOAuthRevoke, { ...unknown, token: 'x', issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).resolves.toMatchObject({ ok: false, error: 'invalid_client' });
      }
      await expect(bus.ok(Patterns.AuthOAuthIntrospect, { ...unknown, token: 'x', issuer: ISSUER, sourceAddress: SOURCE_ADDRESS })).resolves.toMatchObject({
        ok: false,
        error: 'invalid_client',
        retryAfterSeconds: 1,
      });
    });
  });
});
