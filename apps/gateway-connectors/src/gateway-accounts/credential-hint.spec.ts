import { credentialHint, credentialHints } from './credential-hint.js';

describe('credential hints', () => {
  it('shows the key type and the last four characters of a long key, nothing else', () => {
    const stripeKey = 'sk_test_51Habcdefghijklmnopqrstuvwx4242';
    expect(credentialHint(stripeKey)).toBe('sk_test_…4242');
    expect(credentialHint('rzp_test_AbCdEfGhIj1234')).toBe('rzp_test_…1234');
    expect(credentialHint('whsec_0123456789abcdefghijWXYZ')).toBe('whsec_…WXYZ');
  });

  it('shows no character of a short secret, so that a hint never gives most of it away', () => {
    expect(credentialHint('sk_test_abc4242')).toBe('sk_test_…');
    expect(credentialHint('hunter2')).toBe('…');
    expect(credentialHint('')).toBe('…');
  });

  it('takes no prefix from a value that merely contains underscores', () => {
    expect(credentialHint('SomeLongOpaqueSecret_with_underscores_9876')).toBe('…9876');
  });

  it('masks every field of a credential set, keeping the field names', () => {
    const hints = credentialHints({ key_id: 'rzp_live_ABCDEFGHIJKLMN', key_secret: 'abcdefghijklmnopqrstuvwx' });
    expect(hints).toEqual({ key_id: 'rzp_live_…KLMN', key_secret: '…uvwx' });
    for (const hint of Object.values(hints)) expect(hint.length).toBeLessThan(16);
  });
});
