import { maskVpa, redactSensitive } from './redact.js';

describe('redactSensitive', () => {
  it.each([
    ['an API key', 'key sk_test_4eC39HqLyjWDarjtT1zdp7dc used', 'key sk_test_[REDACTED] used'],
    ['a refresh token', 'refreshing rt_Qm9vYmFyYmF6cXV4cXV1eA-_x9 now', 'refreshing rt_[REDACTED] now'],
    ['an access token', 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl!', 'Bearer [REDACTED_JWT]!'],
    ['an unsigned JWT', 'token eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. end', 'token [REDACTED_JWT] end'],
    ['a password field', '{"username":"ada","password":"hunter2 is long"}', '{"username":"ada","password":"[REDACTED]"}'],
    ['a card number', 'card 4242 4242 4242 4242 declined', 'card [REDACTED_PAN] declined'],
  ])('strips %s', (_what, text, redacted) => {
    expect(redactSensitive(text)).toBe(redacted);
  });

  it('leaves ids alone', () => {
    const text = 'pi_3MtwBwLkdIwHu7ix28a3tqPa for usr_8f1c2a and rtk_5b7d9e0f1a2b3c4d';
    expect(redactSensitive(text)).toBe(text);
  });
});

describe('maskVpa', () => {
  it.each([
    ['success@razorpay', 'su***@razorpay'],
    ['9876543210@ybl', '98***@ybl'],
    ['ab@upi', '***@upi'],
    ['no-provider-given', 'no***'],
  ])('shows %s as %s, never its whole handle', (vpa, masked) => {
    expect(maskVpa(vpa)).toBe(masked);
  });
});
