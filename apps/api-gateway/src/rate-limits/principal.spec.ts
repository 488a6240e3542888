import type { Request } from 'express';
import { principalOf } from './principal.js';

function requestWith(headers: Record<string, string>, caller?: { merchantId: string; livemode: boolean }): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { header: (name: string) => lower[name.toLowerCase()], caller } as unknown as Request;
}

const jwt = (claims: object) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
const caller = { merchantId: 'acct_1', livemode: false };

describe('whose bucket a request takes from', () => {
  it('is the signing key of a signed request', () => {
    expect(principalOf(requestWith({ 'X-API-KEY': 'hk_abc', 'X-API-SIGNATURE': 'ff' }, caller))).toBe('acct_1:test:signing_key:hk_abc');
  });

  it('is the OAuth client of an access token, per merchant (the dashboard client serves many)', () => {
    const token = jwt({ client_id: 'payrail-dashboard', merchant_id: 'acct_1' });
    expect(principalOf(requestWith({ Authorization: `Bearer ${token}` }, caller))).toBe('acct_1:test:oauth_client:payrail-dashboard');
    expect(principalOf(requestWith({ Authorization: `Bearer ${token}` }, { merchantId: 'acct_2', livemode: true }))).toBe('acct_2:live:oauth_client:payrail-dashboard');
  });

  it('is the API key by a hash, never the key itself, and a different one per key', () => {
    const first = principalOf(requestWith({ Authorization: 'Bearer sk_test_first1234' }, caller))!;
    const second = principalOf(requestWith({ 'X-API-Key': 'sk_test_second567' }, caller))!;
    expect(first).toMatch(/^acct_1:test:api_key:[0-9a-f]{32}$/);
    expect(first).not.toContain('sk_test');
    expect(second).not.toBe(first);
  });

  it('is nobody for a request that did not authenticate (its source address counts instead)', () => {
    expect(principalOf(requestWith({ Authorization: 'Bearer sk_test_first1234' }))).toBeUndefined();
  });
});
