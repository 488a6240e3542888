import type { IncomingMessage } from 'node:http';
import type { Authenticator } from '../auth/authenticator.js';
import { errorFromResponse, type ErrorBody } from '../errors.js';
import type { EventResource } from '../generated/index.js';

export interface EventStreamOptions {
  /** Exact types, groups (`charge.*`) or `*`; every event when omitted. */
  types?: string[];
  /** Replay the events recorded after this one first, then continue live. */
  startingAfter?: string;
  /** Ends the iteration (the socket is closed). */
  signal?: AbortSignal;
  /** Reconnect and resume from the last event received when the connection drops (default true). */
  reconnect?: boolean;
}

/** The server ends a stream normally only when asked to; the client closes with it when done. */
const NORMAL_CLOSURE = 1000;

interface Frame { kind: 'event'; event: EventResource }
interface Closed { kind: 'closed'; code: number }
interface Failed { kind: 'failed'; error: unknown; final: boolean }
type Signal = Frame | Closed | Failed;

/**
 * `/v1/events/stream` as an async iterator: the merchant's events as they are recorded, each once, in the
 * order of `GET /v1/events`. After a dropped connection (including `4008 slow_client`) it reconnects and
 * resumes from the last event it yielded, so nothing is skipped. Needs the `ws` package (browsers and Node's
 * built-in WebSocket cannot send the credentials as headers, and Payrail never takes a secret key in the URL).
 */
export async function* streamEvents(baseUrl: string, authenticator: Authenticator, options: EventStreamOptions = {}): AsyncGenerator<EventResource, void, undefined> {
  const { WebSocket } = await import('ws').catch((error: unknown) => {
    throw new Error('The event stream needs the ws package: npm install ws', { cause: error });
  });
  let lastId = options.startingAfter;
  let failures = 0;
  while (!options.signal?.aborted) {
    const url = new URL('/v1/events/stream', baseUrl.replace(/^http/, 'ws'));
    for (const type of options.types ?? []) url.searchParams.append('types[]', type);
    if (lastId) url.searchParams.set('starting_after', lastId);
    const headers = await authenticator.headers({ method: 'GET', pathWithQuery: url.pathname + url.search, body: '' });

    const queue: Signal[] = [];
    let wake: (() => void) | null = null;
    const push = (signal: Signal) => { queue.push(signal); wake?.(); };
    const socket = new WebSocket(url, { headers });
    const abort = () => socket.close(NORMAL_CLOSURE, 'client done');
    options.signal?.addEventListener('abort', abort, { once: true });
    socket.on('message', (data) => {
      try {
        push({ kind: 'event', event: JSON.parse(String(data)) as EventResource });
      } catch (error) {
        push({ kind: 'failed', error, final: false });
      }
    });
    socket.on('unexpected-response', (_request, response: IncomingMessage) => {
      // Read the refusal before ending the socket, so that it is queued ahead of the close.
      readRefusal(response)
        .then((error) => push({ kind: 'failed', error, final: true }), (error: unknown) => push({ kind: 'failed', error, final: true }))
        .finally(() => socket.terminate());
    });
    socket.on('error', (error) => push({ kind: 'failed', error, final: false }));
    socket.on('close', (code) => push({ kind: 'closed', code }));

    try {
      for (;;) {
        const next = queue.shift();
        if (!next) {
          await new Promise<void>((resolve) => { wake = resolve; });
          wake = null;
          continue;
        }
        if (next.kind === 'event') {
          failures = 0;
          lastId = next.event.id;
          yield next.event;
        } else if (next.kind === 'failed') {
          if (next.final) throw next.error;
        } else {
          if (next.code === NORMAL_CLOSURE || options.signal?.aborted || options.reconnect === false) return;
          break;
        }
      }
    } finally {
      options.signal?.removeEventListener('abort', abort);
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(NORMAL_CLOSURE, 'client done');
    }
    failures += 1;
    await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** failures, 10_000)));
  }
}

/** A refused upgrade is a plain HTTP answer in the error envelope (401, 403, 400, 404). */
async function readRefusal(response: IncomingMessage): Promise<Error> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const status = response.statusCode ?? 0;
  let body: ErrorBody = { message: `The event stream was refused with HTTP ${status}` };
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: ErrorBody };
    if (parsed.error) body = parsed.error;
  } catch {
    // not JSON: keep the generic message
  }
  const requestId = response.headers['request-id'];
  return errorFromResponse(status, body, typeof requestId === 'string' ? requestId : null);
}
