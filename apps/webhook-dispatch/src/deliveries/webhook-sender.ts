import { lookup } from 'node:dns/promises';
import { Inject, Injectable } from '@nestjs/common';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { isPublicAddress } from '../webhook-endpoints/url-policy.js';
import type { WebhookRequest } from './webhook-request.js';

const MAX_ERROR_LENGTH = 500;

export interface SendOutcome {
  /** The endpoint answered 2xx. */
  succeeded: boolean;
  statusCode: number | null;
  durationMs: number;
  /** Why no answer came (timeout, refused connection, …); never the URL, headers or body. */
  error: string | null;
}

/** POSTs signed events to endpoints. Redirects are not followed: a 3xx counts as a failed attempt, as with Stripe. */
@Injectable()
export class WebhookSender {
  constructor(@Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig) {}

  async send(url: string, request: WebhookRequest, options: { livemode: boolean; signal: AbortSignal }): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      if (options.livemode) await assertPublicDestination(url);
      const response = await fetch(url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(this.config.requestTimeoutMs)]),
      });
      // The answer's body is not read: only the status counts, and an endpoint cannot make us buffer it.
      await response.body?.cancel().catch(() => undefined);
      const succeeded = response.status >= 200 && response.status < 300;
      return { succeeded, statusCode: response.status, durationMs: elapsed(), error: null };
    } catch (error) {
      return { succeeded: false, statusCode: null, durationMs: elapsed(), error: describe(error, this.config.requestTimeoutMs) };
    }
  }
}

/** Live-mode endpoints must resolve to public addresses only, checked at each attempt since DNS can change. */
async function assertPublicDestination(url: string): Promise<void> {
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = await lookup(hostname, { all: true });
  if (addresses.some(({ address }) => !isPublicAddress(address))) {
    throw new Error('Refused: the endpoint resolves to a private, loopback or link-local address');
  }
}

function describe(error: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's errors may come from another realm than this module's Error.
  const { name, message, cause } = (error ?? {}) as { name?: string; message?: string; cause?: { name?: string; code?: string; message?: string } };
  if (name === 'TimeoutError') return `Timed out after ${timeoutMs} ms`;
  if (name === 'AbortError') return 'Aborted: the dispatcher is stopping';
  const described = cause?.message ? `${cause.code ?? cause.name}: ${cause.message}` : (message ?? 'Unknown error');
  return described.slice(0, MAX_ERROR_LENGTH);
}
