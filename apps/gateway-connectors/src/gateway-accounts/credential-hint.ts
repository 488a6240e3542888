/** A key's type prefix, as gateways write them: `sk_test_`, `rk_live_`, `rzp_test_`, `whsec_`. */
const KEY_PREFIX = /^(?:[a-z]{2,5}_){1,2}/;
/** Fewer secret characters than this and the last four would give away too much of it: none are shown. */
const MIN_SECRET_FOR_LAST4 = 12;

/**
 * What the API shows of a credential instead of the credential: its type prefix and last four
 * characters (`sk_test_…4242`), as dashboards do, so that a merchant can tell keys apart. A short
 * value shows no characters of its secret part at all.
 */
export function credentialHint(value: string): string {
  const prefix = KEY_PREFIX.exec(value)?.[0] ?? '';
  const secretPart = value.slice(prefix.length);
  return secretPart.length >= MIN_SECRET_FOR_LAST4 ? `${prefix}…${secretPart.slice(-4)}` : `${prefix}…`;
}

export function credentialHints(credentials: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(credentials).map(([field, value]) => [field, credentialHint(value)]));
}
