import { refusal } from '@payrail/testing';
import {
  checkNonce,
  checkTimestamp,
  isSignedRequest,
  nonceExpiresAt,
  readSignatureHeaders,
  SIGNATURE_WINDOW_SECONDS,
} from './signed-request-headers.js';

const complete: Record<string, string> = {
  'x-api-key': 'hk_abc',
  'x-api-timestamp': '1764000000',
  'x-api-nonce': 'n-1',
  'x-api-signature': 'a'.repeat(64),
};
const reader = (headers: Record<string, string>) => (name: string) => headers[name.toLowerCase()];

describe('reading the signature headers', () => {
  it('takes a request with X-API-SIGNATURE as a signed one, and only such a request', () => {
    expect(isSignedRequest(reader(complete))).toBe(true);
    expect(isSignedRequest(reader({ 'x-api-key': 'sk_test_123' }))).toBe(false);
  });

  it('reads all four headers', () => {
    expect(readSignatureHeaders(reader(complete))).toEqual({ keyId: 'hk_abc', timestamp: '1764000000', nonce: 'n-1', signature: 'a'.repeat(64) });
  });

  it('names every missing or empty header in one 401', () => {
    const error = refusal(() => readSignatureHeaders(reader({ 'x-api-signature': 'abc', 'x-api-nonce': '  ' })));
    expect(error.code).toBe('authentication_required');
    expect(error.status).toBe(401);
    expect(error.message).toContain('missing: X-API-KEY, X-API-TIMESTAMP, X-API-NONCE.');
  });
});

describe('the timestamp check', () => {
  const now = 1_764_000_000;

  it('accepts a timestamp up to 300 seconds either side of now', () => {
    expect(checkTimestamp(String(now), now)).toBe(now);
    expect(checkTimestamp(String(now - SIGNATURE_WINDOW_SECONDS), now)).toBe(now - 300);
    expect(checkTimestamp(String(now + SIGNATURE_WINDOW_SECONDS), now)).toBe(now + 300);
  });

  it('refuses one further away, in the past or the future', () => {
    for (const timestamp of [now - 301, now + 301, 0]) {
      const error = refusal(() => checkTimestamp(String(timestamp), now));
      expect({ code: error.code, status: error.status }).toEqual({ code: 'timestamp_out_of_range', status: 401 });
    }
  });

  it('refuses what is not unix seconds', () => {
    for (const timestamp of ['1764000000.5', '1764000000000000', '-1', 'now', '2025-11-25T10:00:00Z']) {
      expect(refusal(() => checkTimestamp(timestamp, now)).code).toBe('timestamp_out_of_range');
    }
  });
});

describe('the nonce', () => {
  it('is 1 to 128 visible ASCII characters', () => {
    expect(() => checkNonce('b6f1c6a0-4a54-4f6b-9d9e-2a3f0c9d1e7a')).not.toThrow();
    for (const nonce of ['x'.repeat(129), 'with space', 'tab\there', 'é']) {
      const error = refusal(() => checkNonce(nonce));
      expect(error.code).toBe('authentication_required');
      expect(error.message).toContain('X-API-NONCE');
    }
  });

  it('is remembered at least until a request carrying it fails the timestamp check', () => {
    expect(nonceExpiresAt(1_764_000_000)).toBeGreaterThanOrEqual(1_764_000_000 + SIGNATURE_WINDOW_SECONDS);
  });
});
