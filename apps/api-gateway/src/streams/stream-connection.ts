import type { WebSocket } from 'ws';

export interface StreamLimits {
  /** How often the server pings; a client that has not answered the previous ping by then is dropped. */
  heartbeatMs: number;
  /** Bytes queued for a client beyond which it is dropped (it resumes from its last event id). */
  maxBufferedBytes: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { heartbeatMs: 25_000, maxBufferedBytes: 1024 * 1024 };

/** Close codes a client can act on. */
export const StreamCloseCodes = {
  /** The stream has nothing more to say (a payment intent reached a final state). */
  Done: 1000,
  GoingAway: 1001,
  /** The edge could not read what it should send: reconnect. */
  TryAgain: 1013,
  /** The client read too slowly: reconnect and resume from the last event received. */
  SlowClient: 4008,
} as const;

/** How long a dropped client's close handshake may take before its socket is cut. */
const CLOSE_GRACE_MS = 5_000;

/**
 * One client's WebSocket: JSON messages, a ping per heartbeat (browsers answer pings by themselves),
 * and a bound on what may queue for it. A client that lags is dropped rather than buffered for ever.
 */
export class StreamConnection {
  private alive = true;
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly onCloseCallbacks: Array<() => void> = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {
    socket.on('pong', () => (this.alive = true));
    socket.on('close', () => this.finish());
    socket.on('error', () => this.socket.terminate());
    // Clients have nothing to say on these streams: a message from one is ignored.
    socket.on('message', () => undefined);
    this.heartbeat = setInterval(() => this.beat(), limits.heartbeatMs);
    this.heartbeat.unref();
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  onClose(callback: () => void): void {
    if (this.closed) callback();
    else this.onCloseCallbacks.push(callback);
  }

  /** Sends `message` as JSON; false (and the client dropped) when too much is already waiting for it. */
  send(message: unknown): boolean {
    if (this.closed) return false;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(StreamCloseCodes.SlowClient, 'slow_client');
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.finish();
    this.socket.close(code, reason);
    // A client that stopped reading will not read the close frame either.
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private beat(): void {
    if (!this.alive) {
      this.finish();
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const callback of this.onCloseCallbacks.splice(0)) callback();
  }
}
