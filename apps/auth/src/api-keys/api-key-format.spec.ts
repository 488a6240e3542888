import { apiKeyPrefix, redactApiKey } from './api-key-format.js';

describe('apiKeyPrefix', () => {
  it.each([
    ['secret', false, 'sk_test_'],
    ['secret', true, 'sk_live_'],
    ['publishable', false, 'pk_test_'],
    ['publishable', true, 'pk_live_'],
  ] as const)('%s, livemode %s → %s', (type, livemode, prefix) => {
    expect(apiKeyPrefix(type, livemode)).toBe(prefix);
  });
});

describe('redactApiKey', () => {
  it('shows the prefix and the last four characters only', () => {
    expect(redactApiKey('sk_test_4eC39HqLyjWDarjtT1zdp7dcabcd')).toBe('sk_test_****abcd');
    expect(redactApiKey('pk_live_51HxYzAbCdEfGhIjKlMn9876')).toBe('pk_live_****9876');
  });

  it('keeps nothing but the last four of a key with no known prefix', () => {
    expect(redactApiKey('some-random-token-WXYZ')).toBe('****WXYZ');
  });

  it('shows no tail of a short key, which would give most of it away', () => {
    expect(redactApiKey('sk_test_abc12345')).toBe('sk_test_****');
    expect(redactApiKey('abcd')).toBe('****');
    expect(redactApiKey('')).toBe('****');
  });

  it('never echoes characters that could forge log lines or markup', () => {
    expect(redactApiKey('sk_test_aaaaaaaaaaaaaaaa\n<b>')).toBe('sk_test_****');
  });

  it('never contains the middle of the key', () => {
    const key = 'sk_test_SECRETMIDDLEPARTthatmustnotleak1234';
    const redacted = redactApiKey(key);
    expect(redacted).not.toContain('SECRETMIDDLE');
    expect(redacted.length).toBeLessThan(20);
  });
});
