import 'reflect-metadata';
import { Patterns, Topics, type ApiKeyResource, type AuthEvent, type Caller, type ListResource } from '@payrail/contracts';
import type { DataSource } from 'typeorm';
import { AuthServiceUnderTest } from '../testing/auth-service-under-test.js';

describe('API key management in the auth service (real SQL, outbox events)', () => {
  const auth = new AuthServiceUnderTest();
  const { send, ok } = auth.bus;
  let dataSource: DataSource;
  const events: AuthEvent[] = [];
  let acme: Caller;
  let other: Caller;

  async function eventually(check: () => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    await auth.broker.consumeEvents('api-keys-spec', new Map([[Topics.AuthEvents, async (event) => void events.push(event.data as AuthEvent)]]));
    ({ dataSource } = await auth.start());
    acme = { merchantId: (await auth.bootstrap({ name: 'Acme' })).merchant_id, livemode: false };
    other = { merchantId: (await auth.bootstrap({ name: 'Other' })).merchant_id, livemode: false };
  });

  afterAll(() => auth.close());

  it('creates, lists by pages, rolls with an overlap judged by the database clock, and revokes', async () => {
    const acmeLive = { ...acme, livemode: true }; // live keys are managed with a live key
    const created = await ok(Patterns.AuthApiKeyCreate, { caller: acmeLive, params: { type: 'secret', livemode: true, name: 'live server' } });
    expect(created).toMatchObject({ livemode: true, prefix: 'sk_live_', name: 'live server', status: 'active' });
    await expect(ok(Patterns.AuthApiKeyVerify, { key: created.secret! })).resolves.toMatchObject({ keyId: created.id, livemode: true, expiresAt: null });

    const firstPage = await ok(Patterns.AuthApiKeyList, { caller: acme, params: { limit: 2 } });
    expect(firstPage.data.map((key) => key.id)[0]).toBe(created.id);
    expect(firstPage.has_more).toBe(true);
    const secondPage: ListResource<ApiKeyResource> = await ok(Patterns.AuthApiKeyList, { caller: acme, params: { limit: 2, starting_after: firstPage.data[1]!.id } });
    expect(secondPage).toMatchObject({ has_more: false });
    expect(secondPage.data).toHaveLength(1);
    const all = [...firstPage.data, ...secondPage.data];
    expect(all.map((key) => key.prefix).sort()).toEqual(['pk_test_', 'sk_live_', 'sk_test_']);
    expect(JSON.stringify(all)).not.toContain(created.secret!);

    const rolled = await ok(Patterns.AuthApiKeyRoll, { caller: acmeLive, params: { id: created.id, expires_in_seconds: 120 } });
    const oldKey = await ok(Patterns.AuthApiKeyVerify, { key: created.secret! });
    const [{ now }] = (await dataSource.query('SELECT extract(epoch FROM now()) * 1000 AS now')) as [{ now: string }];
    expect(oldKey.expiresAt! - Number(now)).toBeGreaterThan(110_000);
    expect(oldKey.expiresAt! - Number(now)).toBeLessThanOrEqual(120_000);
    await expect(ok(Patterns.AuthApiKeyVerify, { key: rolled.secret! })).resolves.toMatchObject({ keyId: rolled.id, livemode: true });

    const refusedRoll = await send(Patterns.AuthApiKeyRoll, { caller: acmeLive, params: { id: created.id } });
    expect(refusedRoll).toMatchObject({ ok: false, error: { code: 'api_key_unexpected_state' } });

    const revoked = await ok(Patterns.AuthApiKeyRevoke, { caller: acmeLive, params: { id: created.id } });
    expect(revoked.status).toBe('revoked');
    expect(await send(Patterns.AuthApiKeyVerify, { key: created.secret! })).toMatchObject({ ok: false, error: { code: 'api_key_invalid' } });

    await eventually(() => events.filter((event) => event.aggregateId === created.id).length === 3);
    expect(events.filter((event) => [created.id, rolled.id].includes(event.aggregateId)).map((event) => [event.type, event.aggregateId])).toEqual([
      ['api_key.created', created.id],
      ['api_key.rolled', created.id],
      ['api_key.created', rolled.id],
      ['api_key.revoked', created.id],
    ]);
    expect(JSON.stringify(events)).not.toContain(created.secret!);
    expect(JSON.stringify(events)).not.toContain(rolled.secret!);
  });

  it('an immediate roll stops the old key at once', async () => {
    const created = await ok(Patterns.AuthApiKeyCreate, { caller: acme, params: { type: 'publishable', livemode: false } });
    await ok(Patterns.AuthApiKeyRoll, { caller: acme, params: { id: created.id } });
    expect(await send(Patterns.AuthApiKeyVerify, { key: created.secret! })).toMatchObject({ ok: false, error: { code: 'api_key_invalid' } });
    expect((await ok(Patterns.AuthApiKeyRetrieve, { caller: acme, params: { id: created.id } })).status).toBe('expired');
  });

  it("keeps one merchant's keys out of another's reach", async () => {
    const created = await ok(Patterns.AuthApiKeyCreate, { caller: acme, params: { type: 'secret', livemode: false } });
    for (const [pattern, params] of [
      [Patterns.AuthApiKeyRetrieve, { id: created.id }],
      [Patterns.AuthApiKeyRoll, { id: created.id }],
      [Patterns.AuthApiKeyRevoke, { id: created.id }],
    ] as const) {
      expect(await send(pattern, { caller: other, params } as never)).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    }
    expect(await send(Patterns.AuthApiKeyList, { caller: other, params: { starting_after: created.id } })).toMatchObject({
      ok: false,
      error: { code: 'resource_missing', param: 'starting_after' },
    });
    await expect(ok(Patterns.AuthApiKeyVerify, { key: created.secret! })).resolves.toMatchObject({ keyId: created.id });
  });

  it('answers the account profile of the calling merchant', async () => {
    await expect(ok(Patterns.AuthAccountRetrieve, { caller: { ...acme, livemode: true }, params: {} })).resolves.toMatchObject({
      id: acme.merchantId,
      object: 'account',
      business_profile: { name: 'Acme' },
      livemode: true,
    });
  });
});
