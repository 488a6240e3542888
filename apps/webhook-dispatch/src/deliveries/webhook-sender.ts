import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { redactSensitive } from '@payrail/messaging';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { destinationScope, refusedAddress, type DestinationScope } from '../webhook-endpoints/url-policy.js';
import { DestinationRefusedError, guardedLookup, systemResolver, type HostResolver } from './guarded-lookup.js';
import type { WebhookRequest } from './webhook-request.js';

const MAX_ERROR_LENGTH = 500;
/**
 * How long an idle pooled connection is kept: shorter than the keep-alive of common receivers (Node's 5 s,
 * nginx's 75 s), so that we close it before they do instead of writing a delivery to a closing socket.
 */
const FREE_SOCKET_TIMEOUT_MS = 4_000;
/** How much of an endpoint's answer is read and kept for the attempt log; the rest is never read. */
export const MAX_RESPONSE_BODY_BYTES = 1024;

/** How webhook-dispatch resolves endpoint host names; a fake in tests, the system resolver otherwise. */
export const HOST_RESOLVER = Symbol('HOST_RESOLVER');

export interface SendOutcome {
  /** The endpoint answered 2xx. */
  succeeded: boolean;
  statusCode: number | null;
  durationMs: number;
  /** Why no answer came (timeout, refused connection, …); never the URL, headers or body. */
  error: string | null;
  /** The start of the answer, capped and redacted; `null` when there was no answer. */
  responseBody: string | null;
}

type Agents = Record<DestinationScope, { 'http:': http.Agent; 'https:': https.Agent }>;

/**
 * POSTs signed events to endpoints. Redirects are not followed: a 3xx counts as a failed attempt, as with
 * Stripe. Each scope has its own agents, whose lookup refuses what the scope does not allow, so that a
 * socket opened for a test-mode endpoint can never carry a live-mode delivery. Connections are kept
 * alive and reused per host and port: the lookup (and its refusal) runs for every new connection, and a
 * pooled socket stays connected to the address that was vetted when it was opened.
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly agents: Agents;

  constructor(
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
    @Optional() @Inject(HOST_RESOLVER) resolve: HostResolver = systemResolver,
  ) {
    // The dispatcher already bounds requests per endpoint and in all: the pool only must not add a tighter limit.
    const pooling = { keepAlive: true, maxSockets: config.maxInFlight, maxFreeSockets: config.maxInFlight, timeout: FREE_SOCKET_TIMEOUT_MS };
    const agentsFor = (scope: DestinationScope) => ({
      'http:': new http.Agent({ ...pooling, lookup: guardedLookup(scope, resolve) }),
      'https:': new https.Agent({ ...pooling, lookup: guardedLookup(scope, resolve) }),
    });
    this.agents = { 'public-only': agentsFor('public-only'), 'private-networks-too': agentsFor('private-networks-too') };
  }

  /** Closes the pooled connections (the dispatcher has stopped sending by then). */
  onApplicationShutdown(): void {
    for (const scope of Object.values(this.agents)) {
      scope['http:'].destroy();
      scope['https:'].destroy();
    }
  }

  async send(url: string, request: WebhookRequest, options: { livemode: boolean; signal: AbortSignal }): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const timeout = AbortSignal.timeout(this.config.requestTimeoutMs);
    try {
      const target = new URL(url);
      const scope = destinationScope(options.livemode, this.config.allowPrivateNetworksInTestMode);
      // A socket given an IP address connects without a lookup: the literal is checked here instead.
      const literal = target.hostname.replace(/^\[|\]$/g, '');
      const refused = isIP(literal) ? refusedAddress(literal, scope) : null;
      if (refused) throw new DestinationRefusedError(refused);
      const agent = target.protocol === 'https:' ? this.agents[scope]['https:'] : this.agents[scope]['http:'];
      const { statusCode, body } = await post(target, request, agent, AbortSignal.any([options.signal, timeout]));
      const succeeded = statusCode >= 200 && statusCode < 300;
      return { succeeded, statusCode, durationMs: elapsed(), error: null, responseBody: redactSensitive(body) };
    } catch (error) {
      const reason = options.signal.aborted ? 'Aborted: the dispatcher is stopping' : timeout.aborted ? `Timed out after ${this.config.requestTimeoutMs} ms` : describe(error);
      return { succeeded: false, statusCode: null, durationMs: elapsed(), error: reason, responseBody: null };
    }
  }
}

/**
 * The status the endpoint answers and the first MAX_RESPONSE_BODY_BYTES of its body; the rest is not
 * read, so an endpoint cannot make us buffer it. An answer read to its end leaves the connection to the
 * pool; one cut short closes it.
 */
function post(target: URL, request: WebhookRequest, agent: http.Agent, signal: AbortSignal): Promise<{ statusCode: number; body: string }> {
  return new Promise((resolve, reject) => {
    const client = target.protocol === 'https:' ? https : http;
    const outgoing = client.request(
      target,
      { method: 'POST', agent, signal, headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BODY_BYTES).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BODY_BYTES) {
            finish();
            response.destroy();
          }
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

function describe(error: unknown): string {
  if (error instanceof DestinationRefusedError) return error.message;
  const { message, code } = (error ?? {}) as { message?: string; code?: string };
  const described = code ? `${code}: ${message ?? ''}` : (message ?? 'Unknown error');
  return described.slice(0, MAX_ERROR_LENGTH);
}
