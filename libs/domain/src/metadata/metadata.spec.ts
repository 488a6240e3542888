import { validateMetadata } from './metadata.js';

describe('validateMetadata', () => {
  it('accepts Stripe-sized metadata', () => {
    const metadata = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`.padEnd(40, 'x'), 'v'.repeat(500)]));
    expect(validateMetadata(metadata)).toEqual([]);
  });

  it('names the key that breaks a limit', () => {
    expect(validateMetadata({ ['k'.repeat(41)]: 'v' })[0]).toMatchObject({ key: 'k'.repeat(41) });
    expect(validateMetadata({ note: 'v'.repeat(501) })[0]).toMatchObject({ key: 'note', message: expect.stringContaining('500') });
    expect(validateMetadata({ count: 3 })[0]).toMatchObject({ key: 'count', message: expect.stringContaining('strings') });
    expect(validateMetadata({ 'a[b]': 'x' })[0]).toMatchObject({ key: 'a[b]' });
  });

  it('refuses a 51st key', () => {
    const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(validateMetadata(metadata)[0]).toMatchObject({ key: 'k50', message: expect.stringContaining('50 keys') });
  });
});
