import { clientCredentialsOf, decodeBasicCredentials } from './client-credentials.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('decodeBasicCredentials (RFC 6749 §2.3.1)', () => {
  it('splits on the first colon and form-decodes both halves', () => {
    expect(decodeBasicCredentials(basic('cli_1', 'secret'))).toEqual({ clientId: 'cli_1', clientSecret: 'secret' });
    expect(decodeBasicCredentials(basic('cli%3A1', 'p%40ss%3Aw%2Bord%25'))).toEqual({ clientId: 'cli:1', clientSecret: 'p@ss:w+ord%' });
    expect(decodeBasicCredentials(basic('cli_1', 'a+b'))).toEqual({ clientId: 'cli_1', clientSecret: 'a b' });
  });

  it('keeps a raw colon in the secret, which only the first colon separates', () => {
    expect(decodeBasicCredentials(basic('cli_1', 'x:y'))).toEqual({ clientId: 'cli_1', clientSecret: 'x:y' });
  });

  it('accepts the scheme in any case', () => {
    expect(decodeBasicCredentials(`basic ${Buffer.from('a:b').toString('base64')}`)).toEqual({ clientId: 'a', clientSecret: 'b' });
  });

  it('ignores other schemes and a missing header', () => {
    expect(decodeBasicCredentials(undefined)).toBeNull();
    expect(decodeBasicCredentials('Bearer abc')).toBeNull();
  });

  it('refuses a malformed header as invalid_client', () => {
    for (const header of ['Basic', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, basic('cli_1', '%E0%A4%A')]) {
      expect(decodeBasicCredentials(header)).toMatchObject({ error: 'invalid_client' });
    }
  });
});

describe('clientCredentialsOf', () => {
  it('takes client_secret_post credentials from the body', () => {
    expect(clientCredentialsOf(undefined, { client_id: 'cli_1', client_secret: 's' })).toEqual({
      clientId: 'cli_1',
      clientSecret: 's',
      authMethod: 'client_secret_post',
    });
  });

  it('takes client_secret_basic credentials, allowing a matching client_id in the body', () => {
    expect(clientCredentialsOf(basic('cli_1', 's'), { client_id: 'cli_1' })).toMatchObject({ authMethod: 'client_secret_basic', clientId: 'cli_1' });
    expect(clientCredentialsOf(basic('cli_1', 's'), { client_id: 'cli_2' })).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses two methods at once', () => {
    expect(clientCredentialsOf(basic('cli_1', 's'), { client_id: 'cli_1', client_secret: 's' })).toMatchObject({ error: 'invalid_request' });
  });

  it('takes a client_id alone as a public client (none), with no secret to forward', () => {
    expect(clientCredentialsOf(undefined, { client_id: 'payrail-dashboard' })).toEqual({ clientId: 'payrail-dashboard', authMethod: 'none' });
    expect(clientCredentialsOf('Bearer abc', { client_id: 'payrail-dashboard' })).toEqual({ clientId: 'payrail-dashboard', authMethod: 'none' });
  });

  it('refuses missing, partial or non-string credentials as invalid_client', () => {
    for (const body of [{}, { client_id: '' }, { client_secret: 's' }, { client_id: ['a', 'b'] }, { client_id: ['a', 'b'], client_secret: 's' }, { client_id: 'cli_1', client_secret: '' }, { client_id: 'cli_1', client_secret: ['s'] }]) {
      expect(clientCredentialsOf(undefined, body)).toMatchObject({ error: 'invalid_client' });
    }
  });
});
