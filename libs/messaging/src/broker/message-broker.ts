import type { SerializedError } from '@payrail/errors';

/** Header names on the wire, the same on both transports. */
export const Headers = {
  RequestId: 'x-request-id',
  CorrelationId: 'x-correlation-id',
  ReplyTo: 'x-reply-to',
  /** Epoch milliseconds after which nobody waits for the reply: the server drops the request. */
  Deadline: 'x-deadline',
  IdempotencyKey: 'x-idempotency-key',
} as const;

export type MessageHeaders = Record<string, string>;

/** A reply as it travels back: a domain error crosses the transport as data, never as a thrown value. */
export type Reply = { ok: true; data: unknown } | { ok: false; error: SerializedError };

export interface InboundRequest {
  pattern: string;
  data: unknown;
  headers: MessageHeaders;
}

export interface InboundEvent {
  topic: string;
  key: string | null;
  data: unknown;
  headers: MessageHeaders;
}

export interface OutboundEvent {
  key: string;
  data: unknown;
  headers: MessageHeaders;
}

export type RequestHandler = (request: InboundRequest) => Promise<Reply>;
/** Resolving acknowledges the event; rejecting has it delivered again. */
export type EventHandler = (event: InboundEvent) => Promise<void>;

export interface ConsumeOptions {
  /**
   * A group for this process alone that serves only what happens while it runs (the edge's live
   * streams): it starts at the latest offset and commits none, so that it leaves nothing behind.
   */
  ephemeral?: boolean;
  /**
   * Topics whose handler orders its own work (a group commit): the events of a batch the transport holds
   * are handed to it all at once, in order, without waiting for one to be handled before the next, and are
   * acknowledged when all are. An event that failed is delivered again, and so are the ones after it (the
   * handler's inbox makes a second delivery change nothing). Other topics get one event at a time.
   */
  concurrentTopics?: ReadonlySet<string>;
}

export interface RequestOptions {
  timeoutMs: number;
  headers: MessageHeaders;
}

export class RequestTimeoutError extends Error {
  constructor(readonly pattern: string, readonly timeoutMs: number) {
    super(`No reply to ${pattern} within ${timeoutMs} ms`);
  }
}

/**
 * The transport seen by a service. Two implementations carry the same patterns and topics: Kafka, and
 * an in-process broker for the embedded runtime. kafkajs stays behind this interface so that it can be
 * replaced without touching a service.
 */
export interface MessageBroker {
  readonly kind: 'kafka' | 'in-process';
  /** After this resolves, `request` and `publish` work. */
  connect(): Promise<void>;
  /** Serves request patterns as one consumer group (the service's name). */
  serveRequests(group: string, handlers: ReadonlyMap<string, RequestHandler>): Promise<void>;
  /**
   * Consumes topics as one consumer group: each event reaches one member of each group. A new group
   * starts from the oldest retained event, unless `ephemeral`.
   */
  consumeEvents(group: string, handlers: ReadonlyMap<string, EventHandler>, options?: ConsumeOptions): Promise<void>;
  request(pattern: string, data: unknown, options: RequestOptions): Promise<Reply>;
  /** Resolves once the events are durably accepted by the transport. */
  publish(topic: string, events: readonly OutboundEvent[]): Promise<void>;
  /** Resolves when the transport reaches its broker right now (a readiness probe); rejects otherwise. */
  probe(): Promise<void>;
  /** Events of the group's topics published and not yet handled by the group (its consumer lag), as last known. */
  eventLag(group: string): number;
  close(): Promise<void>;
}
