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
/**
 * Tiny thresholds. Per (username or client, source): 3 free failures, then waits of 200 then 400 ms; a
 * username locked for 1.5 s at its 6th failure from one source. Per source: 10 free failures. Per
 * username from every source: 8 free failures, then slowed (never locked).
 */
const THROTTLE_ENV = {
  PAYRAIL_LOGIN_FREE_FAILURES: '3',
  PAYRAIL_LOGIN_BASE_DELAY_MS: '200',
  PAYRAIL_LOGIN_MAX_DELAY_MS: '400',
  PAYRAIL_LOGIN_LOCK_AFTER_FAILURES: '6',
  PAYRAIL_LOGIN_LOCK_MS: '1500',
  PAYRAIL_LOGIN_SOURCE_FREE_FAILURES: '10',
  PAYRAIL_LOGIN_USERNAME_FREE_FAILURES: '8',
};
const POLL_TIMEOUT_MS = 10_000;

/** A fresh source address per call, so that no test's failures weigh on another's. */
let nextSource = 0;
const newSource = () => `198.51.100.${++nextSource}`;

describe('login throttling by source address, for users and for clients (Postgres, transport)', () => {
  const auth = new AuthServiceUnderTest({ env: THROTTLE_ENV });
  const { bus, pepper: PEPPER, secretsKey: SECRETS_KEY } = auth;
  let database: TestDatabase;
  let broker: InProcessBroker;
  let dataSource: DataSource;

  /** The refusal of a login, or null when it succeeded. */
  async function login(username: string, password: string, sourceAddress: string): Promise<SerializedError | null> {
    const reply = await bus.send(Patterns.AuthUserLogin, { username, password, issuer: ISSUER, sourceAddress });
    return reply.ok ? null : reply.error;
  }

  function clientToken(merchant: Pick<MerchantCredentials, 'client_id' | 'client_secret'>, sourceAddress: string, clientSecret = merchant.client_secret): Promise<OAuthTokenResult> {
    return bus.ok(Patterns.AuthOAuthToken, {
      grantType: 'client_credentials',
      clientId: merchant.client_id,
      clientSecret,
      authMethod: 'client_secret_basic',
      issuer: ISSUER,
      sourceAddress,
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
  const FAILED = { ok: false, error: 'invalid_client', errorDescription: 'Client authentication failed.' };

  async function failLogins(username: string, times: number, sourceAddress: string): Promise<void> {
    for (let i = 0; i < times; i++) {
      await expect(once(() => login(username, 'wrong-password', sourceAddress), loginWaiting)).resolves.toMatchObject({ code: 'login_failed' });
    }
  }

  beforeAll(async () => {
    ({ database, broker, dataSource } = await auth.start());
  });

  afterAll(() => auth.close());

  it('refuses to start with an invalid threshold, naming it', () => {
    const base = { PAYRAIL_API_KEY_PEPPER: PEPPER, PAYRAIL_SECRETS_KEY: SECRETS_KEY };
    expect(() => AuthModule.forRoot({ broker, databaseUrl: database.url, env: { ...base, PAYRAIL_LOGIN_LOCK_MS: 'soon' } })).toThrow(/PAYRAIL_LOGIN_LOCK_MS/);
    expect(() => AuthModule.forRoot({ broker, databaseUrl: database.url, env: { ...base, PAYRAIL_LOGIN_SOURCE_FREE_FAILURES: '-1' } })).toThrow(
      /PAYRAIL_LOGIN_SOURCE_FREE_FAILURES/,
    );
  });

  it('refuses a source address that is not an IP address as invalid, not as a failed login', async () => {
    const reply = await bus.send(Patterns.AuthUserLogin, { username: 'anyone', password: 'x', issuer: ISSUER, sourceAddress: 'somewhere' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'parameter_invalid', param: 'sourceAddress' } });
  });

  describe('users', () => {
    it('after three failures from a source slows that source down for the username, and a success clears the count', async () => {
      const owner = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Slowed', username: 'slowed-owner' });
      const source = newSource();
      await failLogins('slowed-owner', 3, source);
      expect(await login('Slowed-Owner', owner.password, source)).toEqual({
        code: 'login_throttled',
        message: 'Too many failed logins: try again in 1 s.',
        details: { retry_after: 1 },
      });

      await expect(once(() => login('slowed-owner', owner.password, source), loginWaiting)).resolves.toBeNull();
      // Cleared: three more failures are answered at once again.
      await failLogins('slowed-owner', 3, source);
    });

    it('locks the username at the guessing source only: its owner logs in from elsewhere at once', async () => {
      const owner = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Locked', username: 'locked-owner' });
      const guesser = newSource();
      await failLogins('locked-owner', 6, guesser);
      const locked = await login('locked-owner', owner.password, guesser);
      expect(locked).toMatchObject({ code: 'login_locked', details: { retry_after: expect.any(Number), locked_until: expect.any(Number) } });
      const lockedUntil = new Date((locked!.details!['locked_until'] as number) * 1000);
      expect(locked!.message).toMatch(/^Too many failed logins: logging in with this username from your address is locked until \d{4}-\d\d-\d\dT[\d:.]+Z\.$/);
      expect(Math.abs(new Date(locked!.message.match(/until (\S+Z)\./)![1]).getTime() - lockedUntil.getTime())).toBeLessThan(1000);

      await expect(login('locked-owner', owner.password, newSource())).resolves.toBeNull();
      await expect(once(() => login('locked-owner', owner.password, guesser), loginWaiting)).resolves.toBeNull();
    });

    it('throttles a username that does not exist just the same', async () => {
      const source = newSource();
      await failLogins('no-such-user', 3, source);
      await expect(login('no-such-user', 'wrong-password', source)).resolves.toMatchObject({ code: 'login_throttled' });
      await failLogins('no-such-user', 3, source);
      await expect(login('no-such-user', 'wrong-password', source)).resolves.toMatchObject({ code: 'login_locked' });
    });

    it('admits one of several concurrent attempts once the wait is over', async () => {
      const source = newSource();
      await failLogins('rushed-user', 3, source);
      await expect(login('rushed-user', 'wrong-password', source)).resolves.toMatchObject({ code: 'login_throttled' });
      await sleep(250);
      const answers = await Promise.all(Array.from({ length: 5 }, () => login('rushed-user', 'wrong-password', source)));
      expect(answers.filter((answer) => answer?.code === 'login_failed')).toHaveLength(1);
      expect(answers.filter((answer) => answer?.code === 'login_throttled')).toHaveLength(4);
    });

    it('slows, never locks, a username failing from many sources past its cap, the right password included', async () => {
      const owner = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Sprayed', username: 'sprayed-owner' });
      // One failure from each of eight sources: no source, and no (username, source), is slowed by any of them.
      for (let i = 0; i < 8; i++) await failLogins('sprayed-owner', 1, newSource());
      const capped = await login('sprayed-owner', owner.password, newSource());
      expect(capped).toEqual({ code: 'login_throttled', message: 'Too many failed logins: try again in 1 s.', details: { retry_after: 1 } });
      await expect(once(() => login('sprayed-owner', owner.password, newSource()), loginWaiting)).resolves.toBeNull();
    });

    it('slows a source that fails across many usernames, for every username, and no other source', async () => {
      const owner = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Neighbour', username: 'neighbour-owner' });
      const guesser = newSource();
      for (let i = 0; i < 10; i++) await failLogins(`victim-${i}`, 1, guesser);
      await expect(login('neighbour-owner', owner.password, guesser)).resolves.toMatchObject({ code: 'login_throttled' });
      await expect(login('neighbour-owner', owner.password, newSource())).resolves.toBeNull();
    });

    it('stores counters under the address and the presented name, never a password', async () => {
      const rows = (await dataSource.query(`SELECT * FROM "auth"."login_attempts"`)) as Array<{ subject: string }>;
      expect(rows.map((row) => row.subject)).toEqual(
        expect.arrayContaining(['user:no-such-user', expect.stringMatching(/^user@198\.51\.100\.\d+ rushed-user$/), expect.stringMatching(/^source:198\.51\.100\.\d+$/)]),
      );
      expect(JSON.stringify(rows)).not.toContain('wrong-password');
    });
  });

  describe('clients', () => {
    it('slows a source guessing a client secret, never locks it, and the right secret works from elsewhere all along', async () => {
      const merchant = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Hammered' });
      const guesser = newSource();
      const owner = newSource();
      for (let i = 0; i < 3; i++) await expect(clientToken(merchant, guesser, 'wrong-secret')).resolves.toEqual(FAILED);

      // The guessing source waits, the right secret from it included; the owner's own source does not.
      await expect(clientToken(merchant, guesser)).resolves.toEqual({
        ok: false,
        error: 'invalid_client',
        errorDescription: 'Too many failed authentications for this client from your address: try again in 1 s.',
        retryAfterSeconds: 1,
      });
      await expect(clientToken(merchant, owner)).resolves.toMatchObject({ ok: true });

      // Past the lock threshold for usernames (6), still only slowed, and still only there.
      for (let i = 0; i < 5; i++) await expect(once(() => clientToken(merchant, guesser, 'wrong-secret'), clientWaiting)).resolves.toEqual(FAILED);
      const slowed = await clientToken(merchant, guesser);
      expect(slowed).toMatchObject({ ok: false, error: 'invalid_client', retryAfterSeconds: 1 });
      expect(!slowed.ok && slowed.errorDescription).not.toMatch(/locked/);
      await expect(clientToken(merchant, owner)).resolves.toMatchObject({ ok: true });

      await expect(once(() => clientToken(merchant, guesser), clientWaiting)).resolves.toMatchObject({ ok: true });
      await expect(clientToken(merchant, guesser)).resolves.toMatchObject({ ok: true });
    });

    it('slows a source that fails across many client ids, for every client, and no other source', async () => {
      const merchant = await bootstrapMerchant(dataSource, PEPPER, SECRETS_KEY, { name: 'Sprayed Client' });
      const guesser = newSource();
      for (let i = 0; i < 10; i++) {
        await expect(clientToken({ client_id: `cli_guess${i}`, client_secret: 'x' }, guesser)).resolves.toEqual(FAILED);
      }
      await expect(clientToken(merchant, guesser)).resolves.toMatchObject({
        ok: false,
        errorDescription: 'Too many failed authentications from your address: try again in 1 s.',
        retryAfterSeconds: 1,
      });
      await expect(clientToken(merchant, newSource())).resolves.toMatchObject({ ok: true });
    });

    it('throttles an unknown client id as it would a real one, at revocation and introspection too', async () => {
      const unknown = { clientId: 'cli_doesnotexist', clientSecret: 'wrong', authMethod: 'client_secret_post', sourceAddress: newSource() } as const;
      for (let i = 0; i < 3; i++) {
        await expect(bus.ok(Patterns.AuthOAuthRevoke, { ...unknown, token: 'x', issuer: ISSUER })).resolves.toMatchObject({ ok: false, error: 'invalid_client' });
      }
      await expect(bus.ok(Patterns.AuthOAuthIntrospect, { ...unknown, token: 'x', issuer: ISSUER })).resolves.toMatchObject({
        ok: false,
        error: 'invalid_client',
        retryAfterSeconds: 1,
      });
    });
  });
});
