import type { VerifyRequestSignatureParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { MessageClient } from '@payrail/messaging';
import { canonicalRequest, hmacSha256Hex } from '@payrail/signing';
import type { Request } from 'express';
import type { RequestNoncesRepository } from './request-nonces.repository.js';
import { authenticateThroughPassport } from '../testing/passport-under-test.js';
import { SignedRequestStrategy } from './signed-request.strategy.js';

const SECRET = 'unit-test-signing-secret';

/** Stands in for the auth service: checks the HMAC over the bytes the edge sends. */
class FakeAuth {
  readonly received: VerifyRequestSignatureParams[] = [];
  async send(_pattern: string, request: VerifyRequestSignatureParams) {
    this.received.push(request);
    if (request.keyId !== 'hk_known') throw new PayrailError('signing_key_invalid', 'Invalid signing key provided.');
    if (hmacSha256Hex(SECRET, Buffer.from(request.canonicalRequest, 'base64')) !== request.signature) {
      throw new PayrailError('signature_invalid', 'The request signature does not match.');
    }
    return { keyId: 'hk_known', merchantId: 'mch_1', livemode: false };
  }
}

class FakeNonces {
  readonly recorded = new Set<string>();
  async record(keyId: string, nonce: string): Promise<boolean> {
    const key = `${keyId}/${nonce}`;
    if (this.recorded.has(key)) return false;
    this.recorded.add(key);
    return true;
  }
}

function signedRequest(options: { method?: string; url?: string; body?: string; timestamp?: number; nonce?: string; keyId?: string; signature?: string } = {}) {
  const method = options.method ?? 'POST';
  const url = options.url ?? '/v1/payment_intents?expand[]=latest_charge';
  const body = options.body ?? 'amount=1000&currency=usd';
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? 'nonce-1';
  const signature = options.signature ?? hmacSha256Hex(SECRET, canonicalRequest({ method, path: url, timestamp, nonce, rawBody: body }));
  const headers: Record<string, string> = {
    'x-api-key': options.keyId ?? 'hk_known',
    'x-api-timestamp': timestamp,
    'x-api-nonce': nonce,
    'x-api-signature': signature,
  };
  return {
    method,
    originalUrl: url,
    rawBody: body === '' ? undefined : Buffer.from(body),
    header: (name: string) => headers[name.toLowerCase()],
  } as unknown as Request & { rawBody?: Buffer };
}

function authenticator() {
  const auth = new FakeAuth();
  const nonces = new FakeNonces();
  const strategy = new SignedRequestStrategy(auth as unknown as MessageClient, nonces as unknown as RequestNoncesRepository);
  const subject = { authenticate: (req: Request) => authenticateThroughPassport(strategy, req) };
  return { subject, auth, nonces };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(PayrailError);
  return (error as PayrailError).code;
}

describe('SignedRequestStrategy', () => {
  it('authenticates a well-signed request as the signing key’s merchant, sending auth the exact signed bytes', async () => {
    const { subject, auth } = authenticator();
    await expect(subject.authenticate(signedRequest())).resolves.toEqual({ scheme: 'signed_request', caller: { merchantId: 'mch_1', livemode: false } });
    const sent = Buffer.from(auth.received[0].canonicalRequest, 'base64').toString('utf8');
    expect(sent).toMatch(/^POST\n\/v1\/payment_intents\?expand\[\]=latest_charge\n\d+\nnonce-1\namount=1000&currency=usd$/);
  });

  it('signs an empty body for a request without one', async () => {
    const { subject } = authenticator();
    await expect(subject.authenticate(signedRequest({ method: 'GET', url: '/v1/payment_intents?limit=3', body: '' }))).resolves.toMatchObject({ caller: { merchantId: 'mch_1' } });
  });

  it('refuses a stale timestamp before asking auth anything', async () => {
    const { subject, auth, nonces } = authenticator();
    expect(await codeOf(subject.authenticate(signedRequest({ timestamp: Math.floor(Date.now() / 1000) - 301 })))).toBe('timestamp_out_of_range');
    expect(auth.received).toEqual([]);
    expect(nonces.recorded.size).toBe(0);
  });

  it('does not use up the nonce of a request whose key or signature is wrong', async () => {
    const { subject, nonces } = authenticator();
    expect(await codeOf(subject.authenticate(signedRequest({ keyId: 'hk_unknown' })))).toBe('signing_key_invalid');
    expect(await codeOf(subject.authenticate(signedRequest({ signature: 'f'.repeat(64) })))).toBe('signature_invalid');
    expect(nonces.recorded.size).toBe(0);
    await expect(subject.authenticate(signedRequest())).resolves.toMatchObject({ caller: { merchantId: 'mch_1' } });
  });

  it('refuses a body changed after signing', async () => {
    const { subject } = authenticator();
    const request = signedRequest();
    request.rawBody = Buffer.from('amount=999999&currency=usd');
    expect(await codeOf(subject.authenticate(request))).toBe('signature_invalid');
  });

  it('refuses a nonce used before with the same key', async () => {
    const { subject } = authenticator();
    await subject.authenticate(signedRequest({ nonce: 'once' }));
    expect(await codeOf(subject.authenticate(signedRequest({ nonce: 'once', url: '/v1/customers' })))).toBe('nonce_reused');
  });

  it('names the missing signature headers of a request that has only some of them', async () => {
    const { subject, auth } = authenticator();
    const request = signedRequest();
    const partial = { ...request, header: (name: string) => (name.toLowerCase() === 'x-api-nonce' ? undefined : request.header(name)) } as unknown as Request;
    const refusal = await subject.authenticate(partial).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'authentication_required', status: 401, message: expect.stringContaining('missing: X-API-NONCE.') });
    expect(auth.received).toEqual([]);
  });
});
