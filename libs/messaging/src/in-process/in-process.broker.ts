import { setTimeout as sleep } from 'node:timers/promises';
import {
  RequestTimeoutError,
  type EventHandler,
  type InboundEvent,
  type MessageBroker,
  type ConsumeOptions,
  type OutboundEvent,
  type Reply,
  type RequestHandler,
  type RequestOptions,
} from '../broker/message-broker.js';

const REDELIVERY_DELAYS_MS = [50, 200, 1000, 5000];

/**
 * Carries the same patterns and topics as Kafka inside one process. Delivery is always asynchronous and
 * every message is copied through JSON, so that code cannot come to depend on synchronous hand-off or on
 * shared references. `publish` resolves only once every consumer group has handled the events: the
 * outbox row is marked sent only then, so a crash loses nothing.
 */
export class InProcessBroker implements MessageBroker {
  readonly kind = 'in-process' as const;
  private readonly servers = new Map<string, RequestHandler>();
  private readonly waitingForServer = new Map<string, Array<() => void>>();
  private readonly groupsByTopic = new Map<string, Map<string, EventHandler>>();
  /** `group\u0000topic` of the handlers that take a published batch at once (ConsumeOptions.concurrentTopics). */
  private readonly concurrent = new Set<string>();
  private readonly groupQueues = new Map<string, Promise<void>>();
  /** Events published to each group and not yet handled by it. */
  private readonly unhandled = new Map<string, number>();
  private closed = false;
  private readonly opened: Promise<void>;
  private markOpen!: () => void;

  /**
   * With `holdEventsUntilOpen`, published events wait for `open()`: the all-in-one runner opens the
   * broker once every service has subscribed, as Kafka would have kept the events for a late group.
   */
  constructor(options: { holdEventsUntilOpen?: boolean } = {}) {
    this.opened = new Promise((resolve) => (this.markOpen = resolve));
    if (!options.holdEventsUntilOpen) this.markOpen();
  }

  async connect(): Promise<void> {}

  open(): void {
    this.markOpen();
  }

  async serveRequests(_group: string, handlers: ReadonlyMap<string, RequestHandler>): Promise<void> {
    for (const [pattern, handler] of handlers) {
      this.servers.set(pattern, handler);
      for (const wake of this.waitingForServer.get(pattern) ?? []) wake();
      this.waitingForServer.delete(pattern);
    }
  }

  async consumeEvents(group: string, handlers: ReadonlyMap<string, EventHandler>, options: ConsumeOptions = {}): Promise<void> {
    for (const [topic, handler] of handlers) {
      const groups = this.groupsByTopic.get(topic) ?? new Map<string, EventHandler>();
      groups.set(group, handler);
      this.groupsByTopic.set(topic, groups);
      if (options.concurrentTopics?.has(topic)) this.concurrent.add(queueKey(group, topic));
    }
  }

  request(pattern: string, data: unknown, options: RequestOptions): Promise<Reply> {
    const message = JSON.stringify(data ?? null);
    const exchange = (async (): Promise<Reply> => {
      await this.serverFor(pattern);
      await nextTurn();
      const reply = await this.servers.get(pattern)!({ pattern, data: JSON.parse(message), headers: { ...options.headers } });
      return JSON.parse(JSON.stringify(reply)) as Reply;
    })();
    return withTimeout(exchange, options.timeoutMs, () => new RequestTimeoutError(pattern, options.timeoutMs));
  }

  async publish(topic: string, events: readonly OutboundEvent[]): Promise<void> {
    await this.opened;
    const groups = this.groupsByTopic.get(topic);
    if (!groups) return;
    for (const group of groups.keys()) this.unhandled.set(group, this.eventLag(group) + events.length);
    // Serialised once, as the broker would hold it; each group gets its own copy, as each Kafka consumer does.
    const serialized = events.map((event) => JSON.stringify(event.data));
    const deliveries = [...groups].map(([group, handler]) => this.enqueue(queueKey(group, topic), async () => {
      const inbound = events.map((event, index): InboundEvent => ({ topic, key: event.key, data: JSON.parse(serialized[index]), headers: { ...event.headers } }));
      let from = 0;
      if (this.concurrent.has(queueKey(group, topic))) {
        // All at once; what failed, and everything after it, is then delivered again one by one, in order.
        const outcomes = await Promise.allSettled(inbound.map((event) => handler(event)));
        const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
        from = failed < 0 ? inbound.length : failed;
        this.unhandled.set(group, this.eventLag(group) - from);
      }
      for (const event of inbound.slice(from)) {
        await this.deliverUntilHandled(handler, event);
        this.unhandled.set(group, this.eventLag(group) - 1);
      }
    }));
    await Promise.all(deliveries);
  }

  eventLag(group: string): number {
    return this.unhandled.get(group) ?? 0;
  }

  /** Nothing to reach but this process: ready until closed. */
  async probe(): Promise<void> {
    if (this.closed) throw new Error('The in-process broker is closed.');
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(this.groupQueues.values());
  }

  private serverFor(pattern: string): Promise<void> {
    if (this.servers.has(pattern)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiting = this.waitingForServer.get(pattern) ?? [];
      waiting.push(resolve);
      this.waitingForServer.set(pattern, waiting);
    });
  }

  /** One queue per consumer group and topic keeps each group's deliveries in publish order. */
  private enqueue(queueKey: string, work: () => Promise<void>): Promise<void> {
    const previous = this.groupQueues.get(queueKey) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await nextTurn();
      await work();
    });
    this.groupQueues.set(queueKey, next);
    return next;
  }

  private async deliverUntilHandled(handler: EventHandler, event: InboundEvent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new Error(`Broker closed before ${event.topic} event was handled`);
      try {
        await handler(event);
        return;
      } catch {
        await sleep(REDELIVERY_DELAYS_MS[Math.min(attempt, REDELIVERY_DELAYS_MS.length - 1)]);
      }
    }
  }
}

/**
 * A later turn of the event loop, as a message over a network would arrive: never synchronous. setImmediate,
 * not setTimeout(0), which Node rounds up to a millisecond on every hop.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function queueKey(group: string, topic: string): string {
  return `${group}\u0000${topic}`;
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
