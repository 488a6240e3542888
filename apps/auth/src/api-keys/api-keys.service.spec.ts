import { suspended, type MerchantStanding } from '../merchants/merchant-standing.js';
import type { AuthEvent, Caller } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { TransactionalOutbox, UnitOfWork } from '@payrail/messaging';
import { hashSecret } from '@payrail/signing';
import type { EntityManager } from 'typeorm';
import type { AuthConfig } from '../config/auth.config.js';
import { ApiKeyEntity } from './api-key.entity.js';
import type { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

const PEPPER = 'pepper-for-unit-tests-0123456789abcdef';
const KEY = 'sk_test_51UnitTestKeyBodyThatIsLongEnoughWXYZ';
const caller: Caller = { merchantId: 'mch_1', livemode: false };

/** Keeps rows in memory and applies the repository's conditional updates as the SQL does. */
class FakeApiKeysRepository {
  readonly lookedUp: string[] = [];
  constructor(readonly rows: ApiKeyEntity[] = []) {}

  async findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    this.lookedUp.push(keyHash);
    return this.rows.find((row) => row.keyHash === keyHash && !row.revokedAt && (!row.expiresAt || row.expiresAt > new Date())) ?? null;
  }

  async insert(_manager: EntityManager, key: ApiKeyEntity): Promise<void> {
    this.rows.push(key);
  }

  async findForMerchant(merchantId: string, id: string): Promise<ApiKeyEntity | null> {
    return this.rows.find((row) => row.id === id && row.merchantId === merchantId) ?? null;
  }

  async list(merchantId: string): Promise<{ data: ApiKeyEntity[]; hasMore: boolean }> {
    return { data: this.rows.filter((row) => row.merchantId === merchantId).reverse(), hasMore: false };
  }

  async expireActive(_manager: EntityManager, merchantId: string, id: string, seconds: number): Promise<boolean> {
    const row = this.rows.find((r) => r.id === id && r.merchantId === merchantId && !r.revokedAt && !r.expiresAt);
    if (!row) return false;
    row.expiresAt = new Date(Date.now() + seconds * 1000);
    return true;
  }

  async revoke(_manager: EntityManager, merchantId: string, id: string): Promise<boolean> {
    const row = this.rows.find((r) => r.id === id && r.merchantId === merchantId && !r.revokedAt);
    if (!row) return false;
    row.revokedAt = new Date();
    return true;
  }
}

/** Runs the work at once and keeps what it published; a throw publishes nothing. */
class FakeOutbox {
  readonly events: AuthEvent[] = [];
  async run<R>(work: (unit: UnitOfWork) => Promise<R>): Promise<R> {
    const pending: AuthEvent[] = [];
    const result = await work({
      manager: {} as EntityManager,
      publish: async (_topic, event) => void pending.push(event as AuthEvent),
      insertAtEnd: () => {
        throw new Error('the API keys service writes its rows itself');
      },
    });
    this.events.push(...pending);
    return result;
  }
}

/** Merchants an operator suspended, as MerchantStanding reads them from auth.merchants. */
class FakeStanding {
  readonly suspended = new Set<string>();

  async assertActive(merchantId: string): Promise<void> {
    if (this.suspended.has(merchantId)) throw suspended();
  }
}

function serviceWith(rows: ApiKeyEntity[] = []) {
  const repository = new FakeApiKeysRepository(rows);
  const outbox = new FakeOutbox();
  const standing = new FakeStanding();
  const config = { PAYRAIL_API_KEY_PEPPER: PEPPER, PAYRAIL_SECRETS_KEY: 'unused' } as AuthConfig;
  const service = new ApiKeysService(repository as unknown as ApiKeysRepository, config, outbox as unknown as TransactionalOutbox, standing as unknown as MerchantStanding);
  return { service, repository, outbox, standing };
}

async function rejectionOf(promise: Promise<unknown>): Promise<PayrailError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(PayrailError);
  return error as PayrailError;
}

describe('ApiKeysService.verify', () => {
  const row = Object.assign(new ApiKeyEntity(), {
    id: 'key_1',
    merchantId: 'mch_1',
    livemode: false,
    type: 'secret',
    keyHash: hashSecret(PEPPER, KEY),
    expiresAt: null,
    revokedAt: null,
  });

  it('finds the key by its keyed hash and says whose it is', async () => {
    const { service, repository } = serviceWith([row]);
    await expect(service.verify(KEY)).resolves.toEqual({ keyId: 'key_1', merchantId: 'mch_1', livemode: false, type: 'secret', expiresAt: null });
    expect(repository.lookedUp).toEqual([hashSecret(PEPPER, KEY)]);
    expect(repository.lookedUp[0]).not.toContain(KEY);
  });

  it('tells the edge when a rolled key stops working, so that its cache does not outlive it', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const { service } = serviceWith([Object.assign(new ApiKeyEntity(), { ...row, expiresAt })]);
    await expect(service.verify(KEY)).resolves.toMatchObject({ expiresAt: expiresAt.getTime() });
  });

  it('refuses an unknown key with api_key_invalid, showing only its prefix and last four', async () => {
    const unknown = 'sk_test_ThisIsNotARealKeyButLooksLikeOneabcd';
    const error = await rejectionOf(serviceWith([row]).service.verify(unknown));
    expect(error.code).toBe('api_key_invalid');
    expect(error.message).toBe('Invalid API Key provided: sk_test_****abcd');
    expect(error.message).not.toContain('ThisIsNotARealKey');
  });

  it('refuses an absurdly long key without looking it up', async () => {
    const { service, repository } = serviceWith([row]);
    const error = await rejectionOf(service.verify(`sk_test_${'A'.repeat(5000)}`));
    expect(error.code).toBe('api_key_invalid');
    expect(error.message).toBe('Invalid API Key provided: sk_test_****AAAA');
    expect(repository.lookedUp).toEqual([]);
  });

  it('refuses a valid key of a suspended merchant with 403 account_suspended, and takes it again once resumed', async () => {
    const { service, standing } = serviceWith([row]);
    standing.suspended.add('mch_1');
    const error = await rejectionOf(service.verify(KEY));
    expect({ code: error.code, status: error.status }).toEqual({ code: 'account_suspended', status: 403 });
    standing.suspended.delete('mch_1');
    await expect(service.verify(KEY)).resolves.toMatchObject({ merchantId: 'mch_1' });
  });
});

describe('ApiKeysService: create, roll, revoke', () => {
  it('refuses to manage live keys with a test key', async () => {
    const { service } = serviceWith();
    await expect(service.create(caller, { type: 'secret', livemode: true })).rejects.toMatchObject({ code: 'permission_denied' });
  });

  it('creates a key of the asked type and mode, shows it once and stores only its keyed hash', async () => {
    const { service, repository, outbox } = serviceWith();
    const created = await service.create({ ...caller, livemode: true }, { type: 'secret', livemode: true, name: ' CI deploys ' });
    expect(created).toMatchObject({ object: 'api_key', type: 'secret', livemode: true, name: 'CI deploys', prefix: 'sk_live_', status: 'active' });
    expect(created.id).toMatch(/^key_/);
    expect(created.secret).toMatch(/^sk_live_[A-Za-z0-9]{40,}$/);
    expect(created.redacted_key).toBe(`sk_live_****${created.secret!.slice(-4)}`);
    expect(repository.rows[0]!.keyHash).toBe(hashSecret(PEPPER, created.secret!));
    expect(JSON.stringify(repository.rows[0])).not.toContain(created.secret!);
    await expect(service.verify(created.secret!)).resolves.toMatchObject({ keyId: created.id, merchantId: 'mch_1', livemode: true });

    expect(outbox.events.map((event) => event.type)).toEqual(['api_key.created']);
    expect(JSON.stringify(outbox.events)).not.toContain(created.secret!);
    expect(outbox.events[0]).toMatchObject({ merchantId: 'mch_1', livemode: true, aggregateId: created.id });
  });

  it('never shows the whole key again', async () => {
    const { service } = serviceWith();
    const created = await service.create(caller, { type: 'publishable', livemode: false });
    const retrieved = await service.retrieve(caller, created.id);
    const listed = await service.list(caller, {});
    expect(retrieved).not.toHaveProperty('secret');
    expect(JSON.stringify([retrieved, listed])).not.toContain(created.secret!);
    expect(listed.data.map((key) => key.id)).toEqual([created.id]);
  });

  it.each([
    [{ type: 'restricted' }, 'parameter_invalid', 'type'],
    [{}, 'parameter_missing', 'type'],
    [{ type: 'secret', name: 'x'.repeat(201) }, 'parameter_invalid', 'name'],
  ])('refuses to create %j, creating nothing', async (params, code, param) => {
    const { service, repository, outbox } = serviceWith();
    const error = await rejectionOf(service.create(caller, params as never));
    expect({ code: error.code, param: error.param }).toEqual({ code, param });
    expect(repository.rows).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('rolls into a new key of the same type and mode; the old one stops at once by default', async () => {
    const { service, outbox } = serviceWith();
    const old = await service.create(caller, { type: 'secret', livemode: false, name: 'server' });
    const rolled = await service.roll(caller, { id: old.id });
    expect(rolled).toMatchObject({ type: 'secret', livemode: false, name: 'server', status: 'active' });
    expect(rolled.id).not.toBe(old.id);
    expect(rolled.secret).toMatch(/^sk_test_/);
    await expect(service.verify(old.secret!)).rejects.toMatchObject({ code: 'api_key_invalid' });
    await expect(service.verify(rolled.secret!)).resolves.toMatchObject({ keyId: rolled.id });
    expect((await service.retrieve(caller, old.id)).status).toBe('expired');
    expect(outbox.events.map((event) => [event.type, event.aggregateId])).toEqual([
      ['api_key.created', old.id],
      ['api_key.rolled', old.id],
      ['api_key.created', rolled.id],
    ]);
  });

  it('keeps the old key working for the overlap the caller asks for', async () => {
    const { service } = serviceWith();
    const old = await service.create(caller, { type: 'secret', livemode: false });
    const before = Math.floor(Date.now() / 1000);
    await service.roll(caller, { id: old.id, expires_in_seconds: 3600 });
    await expect(service.verify(old.secret!)).resolves.toMatchObject({ keyId: old.id });
    const oldNow = await service.retrieve(caller, old.id);
    expect(oldNow.status).toBe('expiring');
    expect(oldNow.expires_at).toBeGreaterThanOrEqual(before + 3600);
    expect(oldNow.expires_at).toBeLessThanOrEqual(before + 3601);
  });

  it('refuses to roll a key twice, or a revoked one, issuing nothing', async () => {
    const { service, repository } = serviceWith();
    const old = await service.create(caller, { type: 'secret', livemode: false });
    await service.roll(caller, { id: old.id, expires_in_seconds: 60 });
    const revoked = await service.create(caller, { type: 'secret', livemode: false });
    await service.revoke(caller, revoked.id);
    const count = repository.rows.length;
    for (const id of [old.id, revoked.id]) {
      expect((await rejectionOf(service.roll(caller, { id }))).code).toBe('api_key_unexpected_state');
    }
    expect(repository.rows.length).toBe(count);
  });

  it.each([-1, 1.5, 604_801])('refuses an overlap of %p seconds', async (seconds) => {
    const { service } = serviceWith();
    const old = await service.create(caller, { type: 'secret', livemode: false });
    const error = await rejectionOf(service.roll(caller, { id: old.id, expires_in_seconds: seconds }));
    expect({ code: error.code, param: error.param }).toEqual({ code: 'parameter_invalid', param: 'expires_in_seconds' });
  });

  it('revokes at once, and revoking again changes nothing', async () => {
    const { service, outbox } = serviceWith();
    const key = await service.create(caller, { type: 'secret', livemode: false });
    const first = await service.revoke(caller, key.id);
    const second = await service.revoke(caller, key.id);
    expect(first).toMatchObject({ id: key.id, status: 'revoked' });
    expect(second).toEqual(first);
    await expect(service.verify(key.secret!)).rejects.toMatchObject({ code: 'api_key_invalid' });
    expect(outbox.events.filter((event) => event.type === 'api_key.revoked')).toHaveLength(1);
  });

  it("answers another merchant's key as if it did not exist", async () => {
    const { service } = serviceWith();
    const key = await service.create(caller, { type: 'secret', livemode: false });
    const stranger: Caller = { merchantId: 'mch_2', livemode: false };
    for (const attempt of [service.retrieve(stranger, key.id), service.roll(stranger, { id: key.id }), service.revoke(stranger, key.id)]) {
      const error = await rejectionOf(attempt);
      expect({ code: error.code, message: error.message }).toEqual({ code: 'resource_missing', message: `No such api_key: '${key.id}'` });
    }
    await expect(service.verify(key.secret!)).resolves.toMatchObject({ keyId: key.id });
    expect((await service.list(stranger, {})).data).toEqual([]);
  });
});
