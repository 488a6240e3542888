const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\b(sk|rk|pk)_(test|live)_[A-Za-z0-9]{4,}/g, '$1_$2_[REDACTED]'],
  [/\bwhsec_[A-Za-z0-9]+/g, 'whsec_[REDACTED]'],
  [/\brt_[A-Za-z0-9_-]{16,}/g, 'rt_[REDACTED]'],
  // A JWT (an access token): its header always starts `{"` → base64url `eyJ`.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[REDACTED_JWT]'],
  [/\b(?:\d[ -]?){12,18}\d\b/g, '[REDACTED_PAN]'],
  [/("?(?:cvc|password|client_secret|secret|signing_secret|refresh_token|access_token)"?\s*[:=]\s*)"[^"]*"/gi, '$1"[REDACTED]"'],
];

/** Last line of defence: strips anything shaped like a key, a token, a webhook secret or a card number. */
export function redactSensitive(text: string): string {
  return SECRET_PATTERNS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/**
 * A UPI Virtual Payment Address (`name@bank`) as logs may show it, like a card by its last4: the handle's first
 * two characters (none of a short one) and the provider (`su***@razorpay`), never the whole handle, often a phone number.
 */
export function maskVpa(vpa: string): string {
  const at = vpa.lastIndexOf('@');
  const handle = at < 0 ? vpa : vpa.slice(0, at);
  const provider = at < 0 ? '' : vpa.slice(at);
  return `${handle.length > 4 ? handle.slice(0, 2) : ''}***${provider}`;
}
