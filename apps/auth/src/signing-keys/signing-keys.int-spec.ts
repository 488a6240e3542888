import 'reflect-metadata';
import { Patterns, type Caller, type SigningKeyResource } from '@payrail/contracts';
import { canonicalRequest, signRequest } from '@payrail/signing';
import type { DataSource } from 'typeorm';
import { AuthServiceUnderTest } from '../testing/auth-service-under-test.js';

const parts = { method: 'GET', path: '/v1/payment_intents?limit=1', timestamp: '1764000000', nonce: 'n-1', rawBody: '' };

describe('signing key management in the auth service (real SQL, transport)', () => {
  const auth = new AuthServiceUnderTest();
  const { send, ok, refused } = auth.bus;
  let dataSource: DataSource;
  let acme: Caller;
  let other: Caller;

  beforeAll(async () => {
    ({ dataSource } = await auth.start());
    acme = { merchantId: (await auth.bootstrap({ name: 'Acme Signing' })).merchant_id, livemode: false };
    other = { merchantId: (await auth.bootstrap({ name: 'Other Signing' })).merchant_id, livemode: false };
  });

  afterAll(() => auth.close());

  function verify(key: Pick<SigningKeyResource, 'id'>, secret: string) {
    return send(Patterns.AuthSignatureVerify, { keyId: key.id, canonicalRequest: canonicalRequest(parts).toString('base64'), signature: signRequest(secret, parts) });
  }

  async function storedRows(): Promise<string> {
    return JSON.stringify(await dataSource.query('SELECT * FROM "auth"."signing_keys"'));
  }

  it("creates a key in the caller's mode whose secret signs requests, shown once and stored sealed", async () => {
    const created = await ok(Patterns.AuthSigningKeyCreate, { caller: acme, params: {} });
    expect(created).toMatchObject({ object: 'signing_key', livemode: false, status: 'active', revoked_at: null });
    expect(created.id).toMatch(/^hk_[0-9A-Za-z]{24}$/);
    expect(created.secret).toMatch(/^[0-9A-Za-z]{40,}$/);
    expect(created.last4).toBe(created.secret!.slice(-4));
    expect(await storedRows()).not.toContain(created.secret!);
    await expect(verify(created, created.secret!)).resolves.toEqual({ ok: true, data: { keyId: created.id, merchantId: acme.merchantId, livemode: false } });

    const retrieved = await ok(Patterns.AuthSigningKeyRetrieve, { caller: acme, params: { id: created.id } });
    expect(retrieved).toEqual({ ...created, secret: undefined });
    expect(retrieved).not.toHaveProperty('secret');
    const listed = await ok(Patterns.AuthSigningKeyList, { caller: acme, params: { limit: 100 } });
    expect(listed.data[0]!.id).toBe(created.id);
    expect(JSON.stringify(listed)).not.toContain(created.secret!);
  });

  it('lists newest first by pages, both modes', async () => {
    const live = await ok(Patterns.AuthSigningKeyCreate, { caller: { ...acme, livemode: true }, params: {} });
    expect(live.livemode).toBe(true);
    const page = await ok(Patterns.AuthSigningKeyList, { caller: acme, params: { limit: 1 } });
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/signing_keys', data: [{ id: live.id }] });
    const next = await ok(Patterns.AuthSigningKeyList, { caller: acme, params: { limit: 100, starting_after: live.id } });
    expect(next.data.map((key) => key.id)).not.toContain(live.id);
    expect(next.data.length).toBeGreaterThanOrEqual(2); // the bootstrap key and the one created above
  });

  it('revokes a key: its next signed request is refused; revoking again answers the same', async () => {
    const created = await ok(Patterns.AuthSigningKeyCreate, { caller: acme, params: { livemode: false } });
    await expect(verify(created, created.secret!)).resolves.toMatchObject({ ok: true });
    const revoked = await ok(Patterns.AuthSigningKeyRevoke, { caller: acme, params: { id: created.id } });
    expect(revoked).toMatchObject({ id: created.id, status: 'revoked', revoked_at: expect.any(Number) });
    await expect(ok(Patterns.AuthSigningKeyRevoke, { caller: acme, params: { id: created.id } })).resolves.toEqual(revoked);
    await expect(verify(created, created.secret!)).resolves.toMatchObject({ ok: false, error: { code: 'signing_key_invalid' } });
  });

  it('lets only a live caller create or revoke a live key, and refuses a non-boolean livemode', async () => {
    const before = await storedRows();
    await expect(refused(Patterns.AuthSigningKeyCreate, { caller: acme, params: { livemode: true } })).resolves.toMatchObject({ code: 'permission_denied' });
    await expect(refused(Patterns.AuthSigningKeyCreate, { caller: acme, params: { livemode: 'yes' as never } })).resolves.toMatchObject({
      code: 'parameter_invalid',
      param: 'livemode',
    });
    expect(await storedRows()).toBe(before);
    const live = await ok(Patterns.AuthSigningKeyCreate, { caller: { ...acme, livemode: true }, params: { livemode: true } });
    await expect(refused(Patterns.AuthSigningKeyRevoke, { caller: acme, params: { id: live.id } })).resolves.toMatchObject({ code: 'permission_denied' });
    await expect(verify(live, live.secret!)).resolves.toMatchObject({ ok: true, data: { livemode: true } });
  });

  it("keeps one merchant's keys out of another's reach", async () => {
    const created = await ok(Patterns.AuthSigningKeyCreate, { caller: acme, params: {} });
    for (const pattern of [Patterns.AuthSigningKeyRetrieve, Patterns.AuthSigningKeyRevoke] as const) {
      const error = await refused(pattern, { caller: other, params: { id: created.id } });
      expect({ code: error.code, message: error.message }).toEqual({ code: 'resource_missing', message: `No such signing_key: '${created.id}'` });
    }
    expect(await send(Patterns.AuthSigningKeyList, { caller: other, params: { ending_before: created.id } })).toMatchObject({
      ok: false,
      error: { code: 'resource_missing', param: 'ending_before' },
    });
    await expect(verify(created, created.secret!)).resolves.toMatchObject({ ok: true });
  });

  it('rolls a key: a new secret that signs, the old key refused from its next request, a second roll of it a 404', async () => {
    const old = await ok(Patterns.AuthSigningKeyCreate, { caller: acme, params: {} });
    const rolled = await ok(Patterns.AuthSigningKeyRoll, { caller: acme, params: { id: old.id } });
    expect(rolled).toMatchObject({ object: 'signing_key', livemode: false, status: 'active' });
    expect(rolled.id).not.toBe(old.id);
    await expect(verify(rolled, rolled.secret!)).resolves.toMatchObject({ ok: true, data: { keyId: rolled.id } });
    await expect(verify(old, old.secret!)).resolves.toMatchObject({ ok: false, error: { code: 'signing_key_invalid' } });
    await expect(refused(Patterns.AuthSigningKeyRoll, { caller: acme, params: { id: old.id } })).resolves.toMatchObject({ code: 'resource_missing' });
    await expect(refused(Patterns.AuthSigningKeyRoll, { caller: other, params: { id: rolled.id } })).resolves.toMatchObject({ code: 'resource_missing' });
    await expect(verify(rolled, rolled.secret!)).resolves.toMatchObject({ ok: true });
  });

  it('signs a notification as the merchant signs requests, with the key asked for or its newest active one, and never a request nonce', async () => {
    const key = await ok(Patterns.AuthSigningKeyCreate, { caller: acme, params: {} });
    const notification = { method: 'POST', path: '/webhook', timestamp: '1764000000', nonce: 'whn_1', body: '{"event":"payment.success"}' };
    const signed = await ok(Patterns.AuthSigningKeySignNotification, { caller: acme, params: { key: key.id, ...notification } });
    expect(signed).toEqual({ key: key.id, signature: signRequest(key.secret!, { ...notification, rawBody: notification.body }) });

    const rolled = await ok(Patterns.AuthSigningKeyRoll, { caller: acme, params: { id: key.id } });
    await expect(ok(Patterns.AuthSigningKeySignNotification, { caller: acme, params: { key: key.id, ...notification } })).resolves.toEqual({
      key: rolled.id,
      signature: signRequest(rolled.secret!, { ...notification, rawBody: notification.body }),
    });
    // Another merchant's key is never used: the caller's own newest one signs.
    expect((await ok(Patterns.AuthSigningKeySignNotification, { caller: other, params: { key: rolled.id, ...notification } })).key).not.toBe(rolled.id);
    await expect(refused(Patterns.AuthSigningKeySignNotification, { caller: acme, params: { key: rolled.id, ...notification, nonce: 'n-1' } })).resolves.toMatchObject({ param: 'nonce' });

    // A notification's signature is not a request's: verifying one as a request is refused.
    const asRequest = { ...notification, rawBody: notification.body };
    await expect(
      send(Patterns.AuthSignatureVerify, { keyId: rolled.id, canonicalRequest: canonicalRequest(asRequest).toString('base64'), signature: signRequest(rolled.secret!, asRequest) }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'signature_invalid' } });
  });
});
