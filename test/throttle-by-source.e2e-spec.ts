import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createMerchant, type MerchantCredentials } from '@payrail/testing';

/**
 * Guessers and owners on different source addresses. Every 127.0.0.0/8 address is loopback on Linux: a
 * client bound to 127.0.0.2 reaches the edge listening on 127.0.0.1, which sees 127.0.0.2 as the peer.
 * The rest of the suite comes from 127.0.0.1, so these addresses carry only this spec's failures.
 */
const edge = new URL(process.env.PAYRAIL_TEST_BASE_URL!);
const GUESSER = '127.0.0.2';
const OWNER = '127.0.0.3';

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: Record<string, unknown>;
}

/** A POST to the edge from `sourceAddress`, with X-Forwarded-For naming someone else (which must not be believed). */
function postFrom(sourceAddress: string, path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: edge.port,
        path,
        method: 'POST',
        localAddress: sourceAddress,
        headers: { ...headers, 'content-length': Buffer.byteLength(body), 'x-forwarded-for': OWNER },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function clientToken(sourceAddress: string, merchant: MerchantCredentials, secret = merchant.client_secret): Promise<Answer> {
  const basic = Buffer.from(`${encodeURIComponent(merchant.client_id)}:${encodeURIComponent(secret)}`).toString('base64');
  return postFrom(sourceAddress, '/oauth/token', 'grant_type=client_credentials', {
    'content-type': 'application/x-www-form-urlencoded',
    authorization: `Basic ${basic}`,
  });
}

function login(sourceAddress: string, username: string, password: string): Promise<Answer> {
  return postFrom(sourceAddress, '/api/v1/auth/login', JSON.stringify({ username, password }), { 'content-type': 'application/json' });
}

describe('throttling by source address: whoever knows a client id or username cannot lock its owner out', () => {
  let merchant: MerchantCredentials;

  beforeAll(async () => {
    merchant = await createMerchant(`Throttled By Source ${randomUUID().slice(0, 8)}`);
  });

  it('slows the source guessing a client secret, the right secret from it included, while the owner gets tokens from its own', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await clientToken(GUESSER, merchant, 'not-the-secret');
      expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' } });
    }
    const slowed = await clientToken(GUESSER, merchant);
    expect(slowed.status).toBe(401);
    expect(slowed.body).toMatchObject({ error: 'invalid_client', error_description: expect.stringMatching(/^Too many failed authentications for this client from your address/) });
    expect(Number(slowed.retryAfter)).toBeGreaterThanOrEqual(1);

    // Its X-Forwarded-For named the owner's address; the owner's source has no failures of its own, so nothing waits there.
    const owner = await clientToken(OWNER, merchant);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    expect((await clientToken(OWNER, merchant)).status).toBe(200);
  });

  it('locks a username only at the guessing source: its owner logs in from another address at once', async () => {
    // Three failures at once, then one per wait (1 s, 2 s); the test platform locks at the fifth.
    let failures = 0;
    const deadline = Date.now() + 15_000;
    while (failures < 5 && Date.now() < deadline) {
      const attempt = await login(GUESSER, merchant.username, 'not-the-password');
      if (attempt.status === 401) failures++;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(failures).toBe(5);
    const locked = await login(GUESSER, merchant.username, merchant.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ type: 'rate_limit_error', code: 'login_locked' });
    expect(Number(locked.retryAfter)).toBeGreaterThan(60);

    const owner = await login(OWNER, merchant.username, merchant.password);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ token_type: 'Bearer', refresh_token: expect.any(String) });
  });
});
