import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceNames } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { inSpan, markFailed, SpanKind } from '@payrail/messaging';

export interface GatewayRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Default 30 s: past it the outcome is unknown (the gateway may have acted). */
  timeoutMs?: number;
  /**
   * The gateway deduplicates this request (Stripe's `Idempotency-Key`, a GET): a lost answer may be
   * asked for again. Without it only a request that never reached the gateway is retried.
   */
  idempotent: boolean;
}

export interface GatewayReply {
  status: number;
  headers: Headers;
  body: string;
}

/** No byte of the request reached the gateway (refused, no DNS answer): no money can have moved, so failing over is safe. */
export class GatewayUnreachableError extends Error {
  override readonly name = 'GatewayUnreachableError';
}

/** The request may have been processed but no answer came back: only the gateway's own record can tell (sync). */
export class GatewayOutcomeUnknownError extends Error {
  override readonly name = 'GatewayOutcomeUnknownError';
}

const RETRIES = 2;
const BACKOFF_MS = 200;
/** Errors raised before a connection existed: the request was certainly not sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Every call to a gateway goes through here: a timeout, keep-alive (Node's fetch pools connections per
 * origin), retries only where the gateway's idempotency makes them safe, and one log line per call that
 * never carries a body (bodies hold card data and secrets).
 */
@Injectable()
export class GatewayHttpClient {
  private readonly logger = new Logger(GatewayHttpClient.name);

  async send(gateway: string, request: GatewayRequest): Promise<GatewayReply> {
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await this.once(gateway, request);
        if (attempt < RETRIES && request.idempotent && (reply.status === 429 || reply.status >= 500)) {
          await sleep(BACKOFF_MS * 2 ** attempt);
          continue;
        }
        return reply;
      } catch (error) {
        const retriable = error instanceof GatewayUnreachableError || (request.idempotent && error instanceof GatewayOutcomeUnknownError);
        if (!retriable || attempt >= RETRIES) throw error;
        await sleep(BACKOFF_MS * 2 ** attempt);
      }
    }
  }

  /**
   * One attempt, in a client span named and labelled with the gateway, the method, the host and the path
   * only: query strings, headers and bodies carry credentials and card data and are never recorded.
   */
  private once(gateway: string, request: GatewayRequest): Promise<GatewayReply> {
    const span = () => {
      const url = new URL(request.url);
      return {
        kind: SpanKind.CLIENT,
        service: ServiceNames.GatewayConnectors,
        attributes: { 'payrail.gateway': gateway, 'http.request.method': request.method, 'server.address': url.hostname, 'url.path': url.pathname },
      };
    };
    return inSpan(`${gateway} ${request.method}`, span, async (active) => {
      const reply = await this.attempt(gateway, request);
      active?.setAttribute('http.response.status_code', reply.status);
      if (reply.status >= 500) markFailed(active, String(reply.status));
      return reply;
    });
  }

  private async attempt(gateway: string, request: GatewayRequest): Promise<GatewayReply> {
    const started = performance.now();
    const target = `${request.method} ${withoutQuery(request.url)}`;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
      });
      const body = await response.text();
      this.logger.log(`${gateway} ${target} → ${response.status} in ${Math.round(performance.now() - started)} ms`);
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      const code = causeCode(error);
      this.logger.warn(`${gateway} ${target} failed after ${Math.round(performance.now() - started)} ms: ${code ?? (error as Error).name}`);
      if (code && NOT_SENT.has(code)) throw new GatewayUnreachableError(`${gateway} could not be reached (${code})`);
      throw new GatewayOutcomeUnknownError(`${gateway} did not answer (${code ?? (error as Error).name})`);
    }
  }
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as { code?: string }).code;
}

/**
 * Runs a question to a gateway (a sync) whose failure only means "cannot tell now": an unreachable or
 * silent gateway becomes `gateway_unavailable` for the caller to try later, not an unexpected error.
 */
export async function askGateway<T>(gateway: string, question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (error) {
    if (error instanceof GatewayUnreachableError || error instanceof GatewayOutcomeUnknownError) {
      throw new PayrailError('gateway_unavailable', `${gateway} could not be asked right now; try again later.`);
    }
    throw error;
  }
}
