import Stripe from 'stripe';
import { cardFingerprint } from './card-fingerprint.js';
import { constantTimeEqual, hmacSha256Hex } from './hmac.js';
import { hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.js';
import { canonicalRequest, signRequest } from './request-signature.js';
import { generateSecret, hashSecret, secretLastFour } from './secrets.js';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';

describe('HMAC-SHA256 (RFC 4231 known answers)', () => {
  it.each([
    [Buffer.alloc(20, 0x0b), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [Buffer.from('Jefe'), 'what do ya want for nothing?', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    [Buffer.alloc(20, 0xaa), Buffer.alloc(50, 0xdd), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      Buffer.alloc(131, 0xaa),
      'Test Using Larger Than Block-Size Key - Hash Key First',
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
  ])('vector %#', (key, message, expected) => {
    expect(hmacSha256Hex(key, message)).toBe(expected);
  });

  it('compares in constant time, including different lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test_secret';
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' });

  it('are verified by the official Stripe SDK', () => {
    const header = signWebhookPayload(secret, payload, Math.floor(Date.now() / 1000));
    const event = new Stripe('sk_test_x').webhooks.constructEvent(payload, header, secret);
    expect(event.id).toBe('evt_1');
  });

  it('match a hand-computed value', () => {
    expect(signWebhookPayload(secret, payload, 1700000000)).toBe(`t=1700000000,v1=${hmacSha256Hex(secret, `1700000000.${payload}`)}`);
  });

  it('fail for a tampered body, a wrong secret or a stale timestamp', () => {
    const now = 1700000000;
    const header = signWebhookPayload(secret, payload, now);
    expect(verifyWebhookSignature(secret, payload, header, now)).toBe(true);
    expect(verifyWebhookSignature(secret, `${payload} `, header, now)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', payload, header, now)).toBe(false);
    expect(verifyWebhookSignature(secret, payload, header, now + 301)).toBe(false);
    expect(() => new Stripe('sk_test_x').webhooks.constructEvent(payload, header, 'whsec_other')).toThrow();
  });
});

describe('HMAC-signed requests', () => {
  it('sign METHOD, PATH with query, timestamp, nonce and raw body, newline-separated', () => {
    const parts = { method: 'post', path: '/v1/refunds?expand[]=charge', timestamp: '1700000000', nonce: 'n-1', rawBody: 'amount=100' };
    expect(canonicalRequest(parts).toString()).toBe('POST\n/v1/refunds?expand[]=charge\n1700000000\nn-1\namount=100');
    expect(signRequest('sig_secret', parts)).toBe(hmacSha256Hex('sig_secret', 'POST\n/v1/refunds?expand[]=charge\n1700000000\nn-1\namount=100'));
  });
});

describe('secrets', () => {
  it('carry their prefix and at least the entropy asked for', () => {
    const key = generateSecret('sk_test_', 32);
    expect(key).toMatch(/^sk_test_[0-9A-Za-z]{43}$/);
    expect(generateSecret('sk_test_', 32)).not.toBe(key);
    expect(secretLastFour(key)).toBe(key.slice(-4));
  });

  it('are stored as a keyed hash that depends on the pepper', () => {
    expect(hashSecret('pepper-a', 'sk_test_1')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret('pepper-a', 'sk_test_1')).toBe(hashSecret('pepper-a', 'sk_test_1'));
    expect(hashSecret('pepper-b', 'sk_test_1')).not.toBe(hashSecret('pepper-a', 'sk_test_1'));
  });

});

describe('passwords', () => {
  it('hash with scrypt and a random salt, and verify', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await hashPassword('correct horse battery staple')).not.toBe(stored);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(passwordNeedsRehash(stored)).toBe(false);
    expect(passwordNeedsRehash('scrypt$1024$8$1$c2FsdA==$aGFzaA==')).toBe(true);
  });
});

describe('card fingerprints', () => {
  it('are stable for a number, differ across numbers and keys, and do not contain the number', () => {
    const fingerprint = cardFingerprint('key-1', '4242 4242 4242 4242');
    expect(fingerprint).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(cardFingerprint('key-1', '4242424242424242')).toBe(fingerprint);
    expect(cardFingerprint('key-1', '4000056655665556')).not.toBe(fingerprint);
    expect(cardFingerprint('key-2', '4242424242424242')).not.toBe(fingerprint);
  });
});
