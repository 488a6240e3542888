import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthenticationError, OAuthAuthenticator, Payrail } from '../src/index.js';
import { baseUrl, credentials, eventually } from './platform.js';

describe('authentication against the platform', () => {
  it('fetches an OAuth token once, reuses it, and renews it before it expires', async () => {
    // Platform tokens live 15 minutes; renewing 899.5 s early makes the cached one due after half a second.
    const payrail = new Payrail({ baseUrl, oauth: { clientId: credentials.client_id, clientSecret: credentials.client_secret, refreshBeforeExpirySeconds: 899.5 } });
    const oauth = payrail.authenticator;
    assert.ok(oauth instanceof OAuthAuthenticator);

    const firstToken = await oauth.accessToken();
    const created = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 700, currency: 'usd' } });
    assert.equal(oauth.tokensFetched, 1, 'one token for both calls');

    await new Promise((resolve) => setTimeout(resolve, 700));
    const read = await payrail.paymentIntents.getPaymentIntentsId({ id: created.id });
    assert.equal(read.id, created.id);
    assert.equal(oauth.tokensFetched, 2, 'a new token once the old one was due');
    assert.notEqual(await oauth.accessToken(), firstToken);
  });

  it('fetches a new OAuth token once the cached one is revoked', async () => {
    const payrail = new Payrail({ baseUrl, oauth: { clientId: credentials.client_id, clientSecret: credentials.client_secret } });
    const oauth = payrail.authenticator;
    assert.ok(oauth instanceof OAuthAuthenticator);
    const revoked = await oauth.accessToken();
    const basic = Buffer.from(`${credentials.client_id}:${credentials.client_secret}`).toString('base64');
    const revocation = await fetch(`${baseUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: revoked }).toString(),
    });
    assert.equal(revocation.status, 200);
    // Edges learn of a revocation within about 2 s; probed slowly, as every refusal spends the address's
    // failed_authentication allowance (30 a minute).
    await eventually(async () => {
      const answer = await fetch(`${baseUrl}/v1/balance`, { headers: { Authorization: `Bearer ${revoked}` } });
      return answer.status === 401 ? true : undefined;
    }, 10_000, 500);

    const balance = await payrail.balance.getBalance();
    assert.equal(balance.object, 'balance');
    assert.equal(oauth.tokensFetched, 2);
    assert.notEqual(await oauth.accessToken(), revoked);
  });

  it('refuses OAuth with a wrong client secret as a typed authentication error', async () => {
    const payrail = new Payrail({ baseUrl, oauth: { clientId: credentials.client_id, clientSecret: 'wrong' }, retries: { maxRetries: 0 } });
    await assert.rejects(payrail.balance.getBalance(), (error: unknown) => error instanceof AuthenticationError && error.status === 401);
  });

  it('signs requests with an HMAC signing key: a POST with a body and a GET with a query', async () => {
    const payrail = new Payrail({ baseUrl, signingKey: { id: credentials.signing_key, secret: credentials.signing_secret } });
    const created = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 999, currency: 'usd', metadata: { note: 'signed ✓' } } });
    assert.equal(created.amount, 999);
    const page = await payrail.paymentIntents.getPaymentIntents({ limit: 1 });
    assert.equal(page.data.length, 1);
  });

  it('reports a signature under the wrong secret as signature_invalid', async () => {
    const payrail = new Payrail({ baseUrl, signingKey: { id: credentials.signing_key, secret: 'not-the-secret' }, retries: { maxRetries: 0 } });
    await assert.rejects(payrail.balance.getBalance(), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'signature_invalid');
      return true;
    });
  });
});
