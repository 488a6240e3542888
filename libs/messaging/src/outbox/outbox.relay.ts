import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DATABASE_SCHEMA } from '@payrail/persistence';
import { DataSource } from 'typeorm';
import type { MessageBroker, OutboundEvent } from '../broker/message-broker.js';
import { ServiceMetrics } from '../metrics/payrail-metrics.js';
import { MESSAGE_BROKER, OUTBOX_RELAY_ENABLED, SERVICE_NAME } from '../tokens.js';
import { startPublishSpans } from '../tracing/publish-spans.js';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: unknown;
  headers: Record<string, string>;
}

interface BacklogRow {
  backlog: number;
  oldest_seconds: number;
}

const BATCH_SIZE = 100;
const POLL_INTERVAL_MS = 250;
/**
 * An outbox found empty is polled less often, the wait doubling up to this: an empty poll holds the database
 * (the embedded one is a single session every service shares) for nothing. A publish nudges the relay at once,
 * so only rows another process wrote (a bootstrap command, a replica that died mid-publish) wait that long.
 */
const IDLE_POLL_INTERVAL_MAX_MS = 1_000;
const CLAIM_SECONDS = 30;
const RETRY_AFTER_SECONDS = 2;

/**
 * Publishes what the outbox holds, in id order, and marks it sent once the transport has it. Rows are
 * claimed for a while rather than locked, so that no transaction stays open across the publish; a
 * process that dies mid-publish leaves its claim to expire and another pass sends the rows again
 * (consumers' inboxes drop the duplicates).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private pollIntervalMs = POLL_INTERVAL_MS;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private stopped = false;
  private readonly stopSampling: Array<() => void> = [];

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DATABASE_SCHEMA) private readonly schema: string,
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Inject(OUTBOX_RELAY_ENABLED) private readonly enabled: boolean,
    private readonly metrics: ServiceMetrics,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  onApplicationBootstrap(): void {
    // Read on each scrape, relay on or off: a stranded outbox is exactly what the backlog must show.
    this.stopSampling.push(
      this.metrics.sample('payrail_outbox_backlog', async () => (await this.backlog()).backlog),
      this.metrics.sample('payrail_outbox_oldest_unpublished_seconds', async () => (await this.backlog()).oldest_seconds),
    );
    if (!this.enabled) return;
    this.polling = true;
    this.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stopSampling) stop();
    clearTimeout(this.timer);
    await this.draining;
  }

  /** Asks for a pass now; passes never overlap. */
  nudge(): void {
    if (this.stopped || !this.polling) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.draining = this.pass()
      .then((foundNothing) => {
        this.pollIntervalMs = foundNothing ? Math.min(this.pollIntervalMs * 2, IDLE_POLL_INTERVAL_MAX_MS) : POLL_INTERVAL_MS;
      })
      .finally(() => {
        this.draining = undefined;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.nudge();
        } else if (!this.stopped) {
          this.timer = setTimeout(() => this.nudge(), this.pollIntervalMs);
        }
      });
  }

  /** Publishes everything unsent; resolves when the outbox is empty or a publish failed. */
  async drain(): Promise<void> {
    await this.pass();
  }

  /** A drain; true when the outbox held nothing to send (a pass that published or failed keeps polling often). */
  private async pass(): Promise<boolean> {
    try {
      for (let batches = 0; ; batches++) {
        const rows = await this.claim();
        if (rows.length === 0) return batches === 0;
        if (!(await this.publish(rows))) return false;
      }
    } catch (error) {
      this.logger.warn(`Outbox pass failed: ${(error as Error).message}`);
      return false;
    }
  }

  private async claim(): Promise<OutboxRow[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "${this.schema}"."outbox" SET "claimed_until" = now() + make_interval(secs => $2), "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT "id" FROM "${this.schema}"."outbox"
           WHERE "published_at" IS NULL AND ("claimed_until" IS NULL OR "claimed_until" < now())
           ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING "id", "topic", "message_key", "payload", "headers"`,
      [BATCH_SIZE, CLAIM_SECONDS],
    )) as [OutboxRow[], number];
    return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  private async publish(rows: OutboxRow[]): Promise<boolean> {
    for (const run of consecutiveRunsByTopic(rows)) {
      const events: OutboundEvent[] = run.map((row) => ({ key: row.message_key, data: row.payload, headers: row.headers }));
      const ids = run.map((row) => row.id);
      const spans = startPublishSpans(run[0].topic, this.service, this.broker.kind, events);
      try {
        await this.broker.publish(run[0].topic, spans.events);
        spans.end();
      } catch (error) {
        spans.end((error as Error).name);
        await this.release(rows.map((row) => row.id), error as Error);
        return false;
      }
      // The lag on the database's one clock: a service whose clock drifts from it would skew it otherwise.
      const [published] = (await this.dataSource.query(
        `UPDATE "${this.schema}"."outbox" SET "published_at" = now(), "claimed_until" = NULL WHERE "id" = ANY($1::bigint[])
          RETURNING EXTRACT(EPOCH FROM "published_at" - "created_at")::float8 AS "lag_seconds"`,
        [ids],
      )) as [Array<{ lag_seconds: number }>, number];
      for (const row of published) this.metrics.eventRelayed(Math.max(0, Number(row.lag_seconds)));
    }
    return true;
  }

  /** Unpublished events and the age of the oldest, through the partial index on unpublished rows. */
  private async backlog(): Promise<BacklogRow> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS "backlog", COALESCE(EXTRACT(EPOCH FROM now() - min("created_at")), 0)::float8 AS "oldest_seconds"
         FROM "${this.schema}"."outbox" WHERE "published_at" IS NULL`,
    )) as BacklogRow[];
    return { backlog: Number(row.backlog), oldest_seconds: Number(row.oldest_seconds) };
  }

  private async release(ids: string[], error: Error): Promise<void> {
    this.logger.warn(`Publishing ${ids.length} outbox event(s) failed, retrying: ${error.message}`);
    await this.dataSource.query(
      `UPDATE "${this.schema}"."outbox" SET "claimed_until" = now() + make_interval(secs => $2), "last_error" = $3
        WHERE "id" = ANY($1::bigint[]) AND "published_at" IS NULL`,
      [ids, RETRY_AFTER_SECONDS, error.message.slice(0, 500)],
    );
  }
}

function consecutiveRunsByTopic(rows: OutboxRow[]): OutboxRow[][] {
  const runs: OutboxRow[][] = [];
  for (const row of rows) {
    const last = runs.at(-1);
    if (last && last[0].topic === row.topic) last.push(row);
    else runs.push([row]);
  }
  return runs;
}
