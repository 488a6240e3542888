import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type Consumer, type Admin, type Producer, type IHeaders, type KafkaMessage } from 'kafkajs';
import {
  Headers,
  RequestTimeoutError,
  type ConsumeOptions,
  type EventHandler,
  type InboundEvent,
  type MessageBroker,
  type MessageHeaders,
  type OutboundEvent,
  type Reply,
  type RequestHandler,
  type RequestOptions,
} from '../broker/message-broker.js';
import { withTimeout } from '../in-process/in-process.broker.js';
import { ConcurrentConsumer, type MessageHandler } from './concurrent-consumer.js';
import { kafkaLogCreator } from './kafka-log.js';
import { ProduceBatcher } from './produce-batcher.js';

export interface KafkaBrokerOptions {
  brokers: string[];
  /** The service this process runs: its reply topic and consumer groups are named after it. */
  service: string;
  partitions?: number;
  /** Prefixes every topic and group, so that several deployments can share one Kafka cluster. */
  namespace?: string;
}

const JOIN_TIMEOUT_MS = 60_000;
const WARM_UP_PATTERN = '__warm-up__';
/** Requests a process handles at once; more wait in Kafka. Each holds at most one database connection at a time. */
const REQUESTS_IN_FLIGHT = 64;
/** At most this many events of one partition are handed at once to a handler that takes them concurrently. */
const CONCURRENT_CHUNK = 500;
/** How long a stopping process lets the requests in hand finish and reply. */
const REQUESTS_DRAIN_MS = 5_000;

/**
 * Request/reply and events over Kafka with kafkajs. Requests go to a topic named after the pattern and
 * are served by the service's consumer group; replies come back on the caller service's reply topic,
 * which every instance reads in a group of its own and matches by correlation id.
 */
export class KafkaBroker implements MessageBroker {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly instanceId = randomUUID();
  private readonly replyTopic: string;
  private readonly partitions: number;
  private readonly pending = new Map<string, (reply: Reply) => void>();
  private readonly knownTopics = new Set<string>();
  /** Each event consumer group's lag by partition (the high watermark less the position after its last batch). */
  private readonly lagByGroup = new Map<string, Map<string, number>>();
  private readonly consumers: Consumer[] = [];
  private readonly requestConsumers: ConcurrentConsumer[] = [];
  private readonly logger = new Logger(KafkaBroker.name);
  private admin!: Admin;
  private producer!: Producer;
  /** Replies, requests and events leave through here: one produce request in flight, carrying all that waits. */
  private sends!: ProduceBatcher;

  constructor(private readonly options: KafkaBrokerOptions) {
    this.kafka = new Kafka({
      clientId: `${options.service}-${this.instanceId.slice(0, 8)}`,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
      retry: { initialRetryTime: 100, retries: 10 },
    });
    this.replyTopic = this.name(`payrail.replies.${options.service}`);
    this.partitions = options.partitions ?? 3;
  }

  async connect(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    this.sends = new ProduceBatcher(this.producer);
    await this.ensureTopics([this.replyTopic]);
    const consumer = this.newConsumer(this.name(`${this.options.service}.replies.${this.instanceId}`));
    await consumer.subscribe({ topics: [this.replyTopic], fromBeginning: false });
    // No commits: the group is this instance's alone and starts at the latest offset, so nobody reads them,
    // and committing after every batch cost a round trip before the next reply could be fetched.
    await this.runAndJoin(consumer, () => consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const correlationId = headerValue(message.headers, Headers.CorrelationId);
        const resolve = correlationId ? this.pending.get(correlationId) : undefined;
        if (resolve && message.value) resolve(JSON.parse(message.value.toString()) as Reply);
      },
    }));
    await this.warmUpReplies();
  }

  async serveRequests(group: string, handlers: ReadonlyMap<string, RequestHandler>): Promise<void> {
    if (handlers.size === 0) return;
    const byTopic = new Map([...handlers].map(([pattern, handler]) => [this.name(pattern), { pattern, handler }]));
    await this.ensureTopics([...byTopic.keys()]);
    const consumer = this.newConsumer(this.name(`${group}.requests`));
    await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning: true });
    const serve: MessageHandler = async (message, topic) => {
      const { pattern, handler } = byTopic.get(topic)!;
      const headers = decodeHeaders(message.headers);
      const replyTo = headers[Headers.ReplyTo];
      const correlationId = headers[Headers.CorrelationId];
      if (!replyTo || !correlationId) return;
      if (Number(headers[Headers.Deadline] ?? Infinity) < Date.now()) return;
      const data = message.value ? JSON.parse(message.value.toString()) : null;
      const reply = await handler({ pattern, data, headers });
      await this.sends.send(replyTo, [{ key: correlationId, value: JSON.stringify(reply), headers: { [Headers.CorrelationId]: correlationId } }]);
    };
    const requests = new ConcurrentConsumer(consumer, serve, REQUESTS_IN_FLIGHT, (error) => this.logger.warn(`Serving a request failed: ${error.message}`));
    this.requestConsumers.push(requests);
    await this.runAndJoin(consumer, () => requests.run());
  }

  async consumeEvents(group: string, handlers: ReadonlyMap<string, EventHandler>, options: ConsumeOptions = {}): Promise<void> {
    if (handlers.size === 0) return;
    const byTopic = new Map([...handlers].map(([topic, handler]) => [this.name(topic), { topic, handler }]));
    await this.ensureTopics([...byTopic.keys()]);
    const consumer = this.newConsumer(this.name(`${group}.events`));
    await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning: !options.ephemeral });
    const lag = new Map<string, number>();
    this.lagByGroup.set(group, lag);
    // Partitions may move to another member on a rebalance: only those this member reads again count.
    consumer.on(consumer.events.GROUP_JOIN, () => lag.clear());
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => lag.set(`${payload.topic}\u0000${payload.partition}`, Math.max(0, Number(payload.offsetLag))));
    const inbound = (topic: string, message: KafkaMessage): InboundEvent => ({
      topic,
      key: message.key?.toString() ?? null,
      data: message.value ? JSON.parse(message.value.toString()) : null,
      headers: decodeHeaders(message.headers),
    });
    await this.runAndJoin(consumer, () => consumer.run({
      partitionsConsumedConcurrently: 3,
      autoCommit: !options.ephemeral,
      // Offsets are resolved here as events are handled, never for a batch left before its end.
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const { topic, handler } = byTopic.get(batch.topic)!;
        const concurrent = options.concurrentTopics?.has(topic) ?? false;
        // A concurrent topic's handler gets a chunk of the partition's batch at once; any other one event at a time.
        for (let start = 0; start < batch.messages.length && isRunning() && !isStale(); ) {
          const chunk = batch.messages.slice(start, concurrent ? start + CONCURRENT_CHUNK : start + 1);
          const outcomes = await Promise.allSettled(chunk.map((message) => handler(inbound(topic, message))));
          const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
          // Offsets move only past what was handled in order: the failed event and those after it come again.
          const handled = failed < 0 ? chunk.length : failed;
          if (handled > 0) resolveOffset(chunk[handled - 1].offset);
          if (failed >= 0) throw (outcomes[failed] as PromiseRejectedResult).reason;
          start += chunk.length;
          await heartbeat();
          if (!options.ephemeral) await commitOffsetsIfNecessary();
        }
      },
    }));
  }

  eventLag(group: string): number {
    let total = 0;
    for (const behind of this.lagByGroup.get(group)?.values() ?? []) total += behind;
    return total;
  }

  async request(pattern: string, data: unknown, options: RequestOptions): Promise<Reply> {
    const topic = this.name(pattern);
    await this.ensureTopics([topic]);
    const correlationId = randomUUID();
    const replied = new Promise<Reply>((resolve) => this.pending.set(correlationId, resolve));
    try {
      await this.sends.send(topic, [{
        key: correlationId,
        value: JSON.stringify(data ?? null),
        headers: {
          ...options.headers,
          [Headers.CorrelationId]: correlationId,
          [Headers.ReplyTo]: this.replyTopic,
          [Headers.Deadline]: String(Date.now() + options.timeoutMs),
        },
      }]);
      return await withTimeout(replied, options.timeoutMs, () => new RequestTimeoutError(pattern, options.timeoutMs));
    } finally {
      this.pending.delete(correlationId);
    }
  }

  async publish(topic: string, events: readonly OutboundEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.ensureTopics([this.name(topic)]);
    await this.sends.send(this.name(topic), events.map((event) => ({ key: event.key, value: JSON.stringify(event.data), headers: event.headers })));
  }

  /** One metadata round trip to a broker: cheap, and it fails when the cluster cannot be reached. */
  async probe(): Promise<void> {
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    // Requests in hand still reply (the producer is still connected) and have their offsets committed.
    await Promise.allSettled(this.requestConsumers.map((requests) => requests.stop(REQUESTS_DRAIN_MS)));
    await Promise.allSettled(this.consumers.map((consumer) => consumer.disconnect()));
    await Promise.allSettled([this.producer?.disconnect(), this.admin?.disconnect()]);
  }

  private name(topicOrGroup: string): string {
    return `${this.options.namespace ?? ''}${topicOrGroup}`;
  }

  private newConsumer(groupId: string): Consumer {
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 1_000,
      // How long the broker holds a fetch that finds nothing: a message arriving meanwhile answers it at once,
      // so this is not on the latency path. At 250 ms an idle platform (six services, three consumers each)
      // kept ~half a core busy fetching nothing; an idle consumer still heartbeats every second.
      maxWaitTimeInMs: 1_000,
      allowAutoTopicCreation: false,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /** Connects the consumer, starts it with `run` and resolves once it has joined its group and holds partitions. */
  private async runAndJoin(consumer: Consumer, run: () => Promise<void>): Promise<void> {
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await run();
    await withTimeout(joined, JOIN_TIMEOUT_MS, () => new Error(`Consumer did not join its group within ${JOIN_TIMEOUT_MS} ms`));
  }

  /**
   * A new reply group starts at the latest offset, resolved on its first fetch. Until it has fetched, a
   * reply could land before that offset and be missed; a round trip to ourselves proves it is positioned.
   */
  private async warmUpReplies(): Promise<void> {
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const correlationId = randomUUID();
      const echoed = new Promise<Reply>((resolve) => this.pending.set(correlationId, resolve));
      await this.producer.send({
        topic: this.replyTopic,
        messages: [{ key: WARM_UP_PATTERN, value: JSON.stringify({ ok: true, data: null }), headers: { [Headers.CorrelationId]: correlationId } }],
      });
      try {
        await withTimeout(echoed, 2_000, () => new RequestTimeoutError(WARM_UP_PATTERN, 2_000));
        return;
      } catch {
        // not positioned yet: send another
      } finally {
        this.pending.delete(correlationId);
      }
    }
    throw new Error('Reply consumer never received its own warm-up message');
  }

  /**
   * Creates what is missing and waits until every partition has a leader. Services start together and
   * race to create the same topics; on KRaft a topic can exist before its metadata has reached the broker
   * answering us, and kafkajs does not retry that ("does not host this topic-partition"), so we do.
   */
  private async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((topic) => !this.knownTopics.has(topic));
    if (missing.length === 0) return;
    const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.createTopics(missing);
        const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics: missing });
        const ready = metadata.length === missing.length && metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0));
        if (ready) break;
        if (Date.now() > deadline) throw new Error(`Topics not ready after ${TOPIC_READY_TIMEOUT_MS} ms: ${missing.join(', ')}`);
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await sleep(Math.min(100 * attempt, 1000));
    }
    missing.forEach((topic) => this.knownTopics.add(topic));
  }

  private async createTopics(topics: string[]): Promise<void> {
    try {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions: this.partitions, replicationFactor: -1 })),
      });
    } catch (error) {
      if (!isTopicExistsError(error)) throw error;
    }
  }
}

const TOPIC_READY_TIMEOUT_MS = 30_000;

function isTopicExistsError(error: unknown): boolean {
  const text = JSON.stringify(error, Object.getOwnPropertyNames(error ?? {}));
  return text.includes('TOPIC_ALREADY_EXISTS') || text.includes('already exists');
}

function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0]?.toString() : value.toString();
}

/** Kafka header values arrive as bytes (or arrays of them): the first value of each, as text. */
export function decodeHeaders(headers: IHeaders | undefined): MessageHeaders {
  const decoded: MessageHeaders = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = headerValue(headers, name);
    if (value !== undefined) decoded[name] = value;
  }
  return decoded;
}
