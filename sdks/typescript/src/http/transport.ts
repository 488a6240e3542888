import { randomUUID } from 'node:crypto';
import type { Authenticator } from '../auth/authenticator.js';
import { ConnectionError, errorFromFetchResponse } from '../errors.js';
import { DEFAULT_RETRIES, isRetryableStatus, parseRetryAfter, retryDelayMs, type RetryOptions } from './retry-policy.js';

export interface TransportOptions {
  authenticator: Authenticator;
  retries?: RetryOptions;
  /** Each attempt's limit (default 30 s); one that runs out counts as a network failure and is retried. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  userAgent?: string;
  /** Called before each retry: for logging and tests. */
  onRetry?: (info: { attempt: number; delayMs: number; status: number | null; method: string; url: string }) => void;
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A `fetch` for the generated client that authenticates every attempt, gives each POST one
 * `Idempotency-Key` reused by all its retries, retries 429/5xx/network failures with backoff, and turns
 * an error answer into a typed `PayrailError` (so that the generated code only ever sees successes).
 */
export function createTransport(options: TransportOptions): typeof fetch {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const retries = { ...DEFAULT_RETRIES, ...options.retries };
  const sleep = options.sleep ?? sleepFor;
  const timeoutMs = options.timeoutMs ?? 30_000;

  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : '';
    if (init.body != null && typeof init.body !== 'string' && !(init.body instanceof URLSearchParams)) {
      throw new TypeError('The Payrail transport sends string and form bodies only');
    }
    const baseHeaders = new Headers(init.headers);
    if (method === 'POST' && !baseHeaders.has('Idempotency-Key')) baseHeaders.set('Idempotency-Key', randomUUID());
    if (options.userAgent) baseHeaders.set('User-Agent', options.userAgent);
    // The form is sent as the string that was signed, so fetch no longer infers its type.
    if (init.body instanceof URLSearchParams && !baseHeaders.has('Content-Type')) baseHeaders.set('Content-Type', 'application/x-www-form-urlencoded;charset=UTF-8');

    let renewedCredentials = false;
    for (let attempt = 0; ; attempt += 1) {
      const headers = new Headers(baseHeaders);
      const credentials = await options.authenticator.headers({ method, pathWithQuery: url.pathname + url.search, body });
      for (const [name, value] of Object.entries(credentials)) headers.set(name, value);

      let response: Response;
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
      try {
        const signal = init.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
        response = await fetchImpl(url, { ...init, method, headers, body: init.body == null ? undefined : body, signal });
      } catch (error) {
        if (isAbort(error, init.signal)) throw error;
        if (attempt >= retries.maxRetries) throw new ConnectionError(error);
        const delayMs = retryDelayMs(attempt + 1, retries, null);
        options.onRetry?.({ attempt: attempt + 1, delayMs, status: null, method, url: url.href });
        await sleep(delayMs);
        continue;
      } finally {
        clearTimeout(timer);
      }
      if (response.ok) return response;
      if (response.status === 401 && !renewedCredentials && options.authenticator.renewAfterRefusal?.()) {
        renewedCredentials = true;
        await response.body?.cancel();
        attempt -= 1; // the retry with new credentials is not one of the backoff retries
        continue;
      }
      if (isRetryableStatus(response.status) && attempt < retries.maxRetries) {
        const delayMs = retryDelayMs(attempt + 1, retries, parseRetryAfter(response.headers.get('retry-after')));
        await response.body?.cancel();
        options.onRetry?.({ attempt: attempt + 1, delayMs, status: response.status, method, url: url.href });
        await sleep(delayMs);
        continue;
      }
      throw await errorFromFetchResponse(response);
    }
  };
}

/** The caller's own abort ends the call; a timed-out attempt (TimeoutError) is retried like a network failure. */
function isAbort(error: unknown, signal: AbortSignal | null | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}
