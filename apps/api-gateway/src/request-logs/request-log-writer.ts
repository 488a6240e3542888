import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@payrail/persistence';
import type { RequestLogEntity } from './request-log.entity.js';
import { RequestLogsRepository } from './request-logs.repository.js';

/** How often the buffer is written: a crashed process loses at most the requests of this last interval. */
export const FLUSH_INTERVAL_MS = 1_000;
/**
 * Rows per INSERT. Small, because an INSERT holds the database while it runs (the embedded one is a single
 * session every service shares): a second's logs written in one statement held every read behind it for ~7 ms.
 */
const BATCH_SIZE = 25;
/** A database too slow to keep up must not take the edge's memory with it: beyond this, new logs are dropped (and said so). */
const MAX_BUFFERED = 10_000;

/**
 * Writes request logs off the request path: a request only appends to a buffer, and every
 * FLUSH_INTERVAL_MS the buffer goes to the database in batches. A graceful shutdown writes what is left;
 * a crash loses the last interval's logs (never more than MAX_BUFFERED). A batch the database refuses
 * is written again row by row, and a row still refused is dropped with a warning rather than retried, so
 * that one bad row can neither block every later one nor take its batch with it.
 */
@Injectable()
export class RequestLogWriter extends PeriodicTask implements BeforeApplicationShutdown {
  private buffer: RequestLogEntity[] = [];
  private dropped = 0;

  constructor(private readonly logs: RequestLogsRepository) {
    super('RequestLogWriter', FLUSH_INTERVAL_MS);
  }

  record(log: RequestLogEntity): void {
    if (this.buffer.length >= MAX_BUFFERED) {
      this.dropped++;
      return;
    }
    this.buffer.push(log);
  }

  protected runOnce(): Promise<void> {
    return this.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** Writes everything buffered so far. */
  async flush(): Promise<void> {
    if (this.dropped > 0) {
      this.logger.warn(`${this.dropped} request logs were dropped: more than ${MAX_BUFFERED} waited to be written.`);
      this.dropped = 0;
    }
    const pending = this.buffer;
    this.buffer = [];
    for (let start = 0; start < pending.length; start += BATCH_SIZE) {
      const batch = pending.slice(start, start + BATCH_SIZE);
      try {
        await this.logs.insertMany(batch);
      } catch {
        await this.insertOneByOne(batch);
      }
    }
  }

  /** A refused batch is written row by row, so that one row the database will not take loses only itself. */
  private async insertOneByOne(batch: RequestLogEntity[]): Promise<void> {
    for (const log of batch) {
      try {
        await this.logs.insertMany([log]);
      } catch (error) {
        this.logger.warn(`Request log ${log.id} could not be written: ${(error as Error).message}`);
      }
    }
  }
}
