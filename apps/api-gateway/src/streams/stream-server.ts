import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { newId } from '@payrail/domain';
import { PayrailError, toErrorEnvelope } from '@payrail/errors';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseEventsStreamQuery } from './events-stream-query.js';
import { EventsStream } from './events-stream.js';
import { PaymentIntentStream } from './payment-intent-stream.js';
import { answerAsPlainHttp, isWebSocketUpgrade } from './plain-http-upgrade.js';
import { RefusalHeaders, StreamAuthenticator } from './stream-authenticator.js';
import { StreamCloseCodes, StreamConnection, type StreamLimits } from './stream-connection.js';

/** PAYRAIL_STREAM_HEARTBEAT_MS and PAYRAIL_STREAM_MAX_BUFFERED_BYTES, as the edge's config read them. */
export const STREAM_LIMITS = Symbol('STREAM_LIMITS');

const EVENTS_PATH = '/v1/events/stream';
const PAYMENT_INTENT_PATH = /^\/v1\/payment_intents\/([^/]+)\/stream$/;
const PAYMENT_INTENT_PARAMS = new Set(['client_secret', 'key', 'checkout_session']);

interface Prepared {
  attach(connection: StreamConnection): Promise<void>;
  abandon(): void;
}

/**
 * The edge's one WebSocket server, on the edge's own HTTP server: an upgrade is authenticated and
 * authorised (refusals are plain HTTP answers in the error envelope), its subscription made, and only
 * then accepted, so that a client whose socket opens is already subscribed. An upgrade to anything else
 * (h2c) is answered as the ordinary HTTP request it also is.
 */
@Injectable()
export class StreamServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StreamServer.name);
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  private readonly connections = new Set<StreamConnection>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: StreamAuthenticator,
    private readonly events: EventsStream,
    private readonly paymentIntents: PaymentIntentStream,
    @Inject(STREAM_LIMITS) private readonly limits: StreamLimits,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (isWebSocketUpgrade(request)) void this.upgrade(request, socket, head);
      else answerAsPlainHttp(server, request, socket, head);
    });
  }

  onApplicationShutdown(): void {
    for (const connection of this.connections) connection.close(StreamCloseCodes.GoingAway, 'shutting_down');
    this.sockets.close();
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const refusal = new RefusalHeaders();
    let prepared: Prepared;
    try {
      prepared = await this.prepare(request, refusal);
    } catch (error) {
      this.refuse(socket, error, refusal);
      return;
    }
    if (socket.destroyed) {
      prepared.abandon();
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const connection = new StreamConnection(ws, this.limits);
      this.connections.add(connection);
      connection.onClose(() => this.connections.delete(connection));
      prepared.attach(connection).catch((error: unknown) => {
        this.logger.warn(`A stream failed to start: ${(error as Error).message}`);
        connection.close(StreamCloseCodes.TryAgain, 'stream_unavailable');
      });
    });
  }

  private async prepare(request: IncomingMessage, refusal: RefusalHeaders): Promise<Prepared> {
    const url = URL.parse(request.url ?? '/', 'http://edge.invalid');
    if (!url) throw new PayrailError('route_missing', 'Unrecognized request URL.');
    if (url.pathname === EVENTS_PATH) {
      const { caller } = await this.authenticator.authenticate(request, 'events', refusal);
      const lastEventId = request.headers['last-event-id'];
      return this.events.prepare(caller, parseEventsStreamQuery(url.searchParams, Array.isArray(lastEventId) ? lastEventId[0] : lastEventId));
    }
    const intentPath = PAYMENT_INTENT_PATH.exec(url.pathname);
    if (intentPath) {
      for (const name of url.searchParams.keys()) {
        if (!PAYMENT_INTENT_PARAMS.has(name)) throw new PayrailError('parameter_unknown', `Received unknown parameter: ${name}`, { param: name });
      }
      const clientSecret = url.searchParams.get('client_secret') ?? undefined;
      // Payrail's hosted checkout page holds no API key: the session it shows is its credential.
      const checkoutSession = url.searchParams.get('checkout_session');
      if (checkoutSession !== null && !url.searchParams.has('key') && !request.headers.authorization) {
        return this.paymentIntents.prepare(await this.authenticator.forCheckoutPage(request, checkoutSession), intentPath[1], clientSecret);
      }
      // Browsers cannot set headers on a WebSocket: a hosted page names its publishable key in the URL.
      const key = url.searchParams.get('key');
      if (key && !request.headers.authorization) request.headers.authorization = `Bearer ${key}`;
      const caller = await this.authenticator.authenticate(request, 'paymentIntent', refusal);
      // Ids are base62: one with escapes in it is simply not found, never decoded.
      return this.paymentIntents.prepare(caller, intentPath[1], clientSecret);
    }
    throw new PayrailError('route_missing', `Unrecognized request URL (${request.method}: ${url.pathname}).`);
  }

  /** The refusal as an HTTP response on the raw socket, in the same envelope an HTTP route would answer with. */
  private refuse(socket: Duplex, error: unknown, refusal: RefusalHeaders): void {
    const known = error instanceof PayrailError ? error : PayrailError.internal();
    if (!(error instanceof PayrailError)) this.logger.error(`Stream upgrade failed (error id ${known.options.details?.['error_id']})`, (error as Error)?.stack);
    const requestId = newId('req');
    const { status, body } = toErrorEnvelope(known, requestId);
    const payload = JSON.stringify(body);
    const headers = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(payload)}`,
      `Request-Id: ${requestId}`,
      'Connection: close',
      ...[...refusal.headers].map(([name, value]) => `${name}: ${value}`),
    ];
    if (socket.writable) socket.end(`${headers.join('\r\n')}\r\n\r\n${payload}`);
    else socket.destroy();
  }
}
