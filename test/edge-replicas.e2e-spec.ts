import { randomUUID } from 'node:crypto';
import { signRequest } from '@payrail/signing';
import type { MerchantCredentials } from '@payrail/testing';

// Two edge instances with their own caches and connection pools (two processes on Kafka, two Nest apps
// in the all-in-one process): what one replica learns, the other must know.
const [edgeA, edgeB] = JSON.parse(process.env.PAYRAIL_TEST_EDGE_URLS!) as string[];
const credentials = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;

function signedHeaders(method: string, path: string, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID();
  return {
    'X-API-KEY': credentials.signing_key,
    'X-API-TIMESTAMP': timestamp,
    'X-API-NONCE': nonce,
    'X-API-SIGNATURE': signRequest(credentials.signing_secret, { method, path, timestamp, nonce, rawBody: body }),
    'Content-Type': 'application/x-www-form-urlencoded',
  };
}

async function post(edge: string, path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${edge}${path}`, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('two edge replicas', () => {
  it('refuse at one replica a signed request whose nonce the other has seen', async () => {
    const body = `amount=1200&currency=usd&metadata[replica]=${randomUUID()}`;
    const headers = signedHeaders('POST', '/v1/payment_intents', body);

    const first = await post(edgeA, '/v1/payment_intents', body, headers);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ object: 'payment_intent', amount: 1200 });

    const replayed = await post(edgeB, '/v1/payment_intents', body, headers);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error).toMatchObject({ type: 'authentication_error', code: 'nonce_reused' });
  });

  it('answer a retried idempotent request at the other replica with the first answer', async () => {
    const key = randomUUID();
    const headers = {
      Authorization: `Bearer ${credentials.secret_key}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Idempotency-Key': key,
    };
    const body = 'amount=3400&currency=eur';

    const first = await post(edgeA, '/v1/payment_intents', body, headers);
    const retried = await post(edgeB, '/v1/payment_intents', body, headers);
    expect(first.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(first.body.id);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
  });
});
