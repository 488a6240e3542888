import type { MerchantCredentials } from '@payrail/testing';

const baseUrl = process.env.PAYRAIL_TEST_BASE_URL!;
const credentials = JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!) as MerchantCredentials;

/** Postgres text cannot hold U+0000: a parameter carrying one must be a 400 here, not a 500 from a database. */
describe('a NUL character in any parameter', () => {
  const auth = { authorization: `Bearer ${credentials.secret_key}` };
  const form = { ...auth, 'content-type': 'application/x-www-form-urlencoded' };

  it.each([
    ['a path id', 'GET', '/v1/payment_intents/pi_%00', undefined, undefined],
    ['a path id of the auth service', 'GET', '/v1/oauth_clients/cli_%00', undefined, undefined],
    ['a list filter', 'GET', '/v1/payment_intents?customer=cus_%00', undefined, 'customer'],
    ['a list cursor', 'GET', '/v1/users?starting_after=usr_%00', undefined, 'starting_after'],
    ['a form field', 'POST', '/v1/customers', 'name=Ada%00Lovelace', 'name'],
    ['a metadata value', 'POST', '/v1/customers', 'metadata[order]=o%00', 'metadata[order]'],
  ])('is refused in %s with a 400, naming the parameter when it has one', async (_where, method, path, body, param) => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: body ? form : auth, body });
    const answer = (await response.json()) as { error: { type: string; code: string; param?: string; message: string } };
    expect(response.status).toBe(400);
    expect(answer.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid' });
    expect(answer.error.param).toBe(param);
    expect(answer.error.message).toContain('NUL character');
  });

  it('is refused in a JSON login as a 400, and at the token endpoint in OAuth\'s format', async () => {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada\u0000', password: 'x' }),
    });
    expect(login.status).toBe(400);
    expect(((await login.json()) as { error: { param: string } }).error.param).toBe('username');

    const token = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=cli_%00&client_secret=x',
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_request' });
  });
});
