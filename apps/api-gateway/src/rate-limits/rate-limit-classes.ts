/**
 * Every rate-limit class in one table: its default limit per minute, and which requests it covers.
 * A principal (API key, OAuth client, signing key) has one bucket per class; a request without one (a
 * public route) is limited by its source address instead. The first row that matches a request wins.
 */
export const RATE_LIMIT_CLASSES = {
  /** Creating a payment: `POST /v1/payment_intents`, `POST /v1/charges`, a gateway surface's `/pay`. */
  payment_creation: { perMinute: 100, matches: (method: string, path: string) => method === 'POST' && /^\/(v1\/(payment_intents|charges)|api\/v1\/pay)\/?$/.test(path) },
  /** Starting an M-Pesa STK push, sandbox included (mpesa-api.md: 100 a minute). */
  mpesa_initiation: { perMinute: 100, matches: (method: string, path: string) => method === 'POST' && /^\/api\/payment\/(test\/)?mpesa\/?$/.test(path) },
  /** Reads: an object's status, lists, M-Pesa's `POST /api/payment/verify/` (1,000 a minute, beside the writes' own 1,000). */
  status_read: {
    perMinute: 1000,
    matches: (method: string, path: string) => method === 'GET' || method === 'HEAD' || (method === 'POST' && /^\/api\/payment\/verify\/?$/.test(path)),
  },
  /** Everything else a principal does. */
  default: { perMinute: 1000, matches: () => true },
} as const;

/** Requests from a source address that carry no accepted credentials: public routes (logins, pages, callbacks). */
export const UNAUTHENTICATED = { perMinute: 600 } as const;
/**
 * Refused authentications (bad API keys, tokens, signatures) from a source address. Once it is spent the
 * address is refused before its credentials are even checked, until the bucket refills: a key guesser
 * gets a few dozen tries a minute. Failed logins and client secrets are the auth service's (its login
 * throttle counts and locks them), so they are not counted here twice.
 */
export const FAILED_AUTHENTICATION = { perMinute: 30 } as const;

export type PrincipalClass = keyof typeof RATE_LIMIT_CLASSES;
export type SourceClass = 'unauthenticated' | 'failed_authentication';
export type RateLimitClass = PrincipalClass | SourceClass;

export const RATE_LIMIT_CLASS_NAMES: readonly RateLimitClass[] = [...(Object.keys(RATE_LIMIT_CLASSES) as PrincipalClass[]), 'unauthenticated', 'failed_authentication'];

/** Requests no limit applies to: probes and scrapes (an orchestrator and Prometheus must always reach them). */
export function isExempt(path: string): boolean {
  return /^\/(health|metrics)(\/|$)/.test(path);
}

export function principalClassOf(method: string, path: string): PrincipalClass {
  const upper = method.toUpperCase();
  for (const [name, row] of Object.entries(RATE_LIMIT_CLASSES) as [PrincipalClass, (typeof RATE_LIMIT_CLASSES)[PrincipalClass]][]) {
    if (row.matches(upper, path)) return name;
  }
  return 'default';
}

export function defaultLimitOf(name: RateLimitClass): number {
  if (name === 'unauthenticated') return UNAUTHENTICATED.perMinute;
  if (name === 'failed_authentication') return FAILED_AUTHENTICATION.perMinute;
  return RATE_LIMIT_CLASSES[name].perMinute;
}
