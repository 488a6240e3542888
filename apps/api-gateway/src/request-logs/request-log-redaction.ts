import { maskVpa, redactSensitive } from '@payrail/messaging';

export const REDACTED = '[REDACTED]';

/** Fields whose value is a secret whatever it looks like: card numbers and codes, passwords, secrets, tokens. */
const SENSITIVE_FIELD = /^(number|card_number|cvc|cvv|cvv2|pin|password|new_password|current_password|secret|.*_secret|.*token|authorization|api_key|private_key)$/i;
/** Bodies bigger than this (as JSON) keep their shape only down to this many characters per string. */
const MAX_STRING_LENGTH = 2_000;
const MAX_DEPTH = 12;

/**
 * A body as it may be stored: every sensitive field's value replaced, and every other string passed through
 * the log redaction (keys, tokens, card numbers inside metadata or descriptions), long strings cut.
 */
export function redactBody(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const redacted = redactSensitive(value);
    return storable(redacted.length > MAX_STRING_LENGTH ? `${redacted.slice(0, MAX_STRING_LENGTH)}…` : redacted);
  }
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactBody(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([field, item]) => [storable(field), redactField(field, item, depth)]),
  );
}

function redactField(field: string, value: unknown, depth: number): unknown {
  if (SENSITIVE_FIELD.test(field)) return REDACTED;
  // A UPI payer's address identifies a person: kept as a card is, by a few characters only.
  if (field === 'vpa' && typeof value === 'string') return storable(maskVpa(value));
  return redactBody(value, depth + 1);
}

/**
 * Text Postgres's jsonb takes: a NUL and a lone UTF-16 surrogate (from a cut that fell inside a pair, or
 * sent as such) become U+FFFD. Otherwise the whole batch of logs it travels with would be refused.
 */
export function storable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(/\p{Cs}/gu, '\uFFFD');
}
