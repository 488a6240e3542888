import type { ApiKeyType } from '@payrail/contracts';

/** Random bytes behind every API key: 256 bits, well above the 190 the key format asks for. */
export const API_KEY_SECRET_BYTES = 32;

/** Longer than any key we issue: anything longer is refused before it is hashed. */
export const MAX_API_KEY_LENGTH = 256;

const KNOWN_PREFIX = /^(?:sk|pk|rk)_(?:test|live)_/;
const SHOWN_TAIL = /^[A-Za-z0-9]{4}$/;
/** Below this, the last four characters would give away too much of what was sent. */
const MIN_LENGTH_TO_SHOW_TAIL = 12;

/** `sk_test_`, `sk_live_`, `pk_test_`, `pk_live_`. */
export function apiKeyPrefix(type: ApiKeyType, livemode: boolean): string {
  return `${type === 'secret' ? 'sk' : 'pk'}_${livemode ? 'live' : 'test'}_`;
}

/**
 * A key as it may appear in an error message: its prefix and last four characters, as Stripe shows
 * it (`sk_test_****abcd`). Whatever else was sent, however long or odd, is never echoed.
 */
export function redactApiKey(key: string): string {
  const prefix = KNOWN_PREFIX.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  const tail = rest.slice(-4);
  const showTail = rest.length >= MIN_LENGTH_TO_SHOW_TAIL && SHOWN_TAIL.test(tail);
  return `${prefix}****${showTail ? tail : ''}`;
}
