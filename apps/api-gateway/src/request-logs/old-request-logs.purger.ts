import { Inject, Injectable } from '@nestjs/common';
import { PeriodicPurger } from '@payrail/persistence';
import { RequestLogsRepository } from './request-logs.repository.js';

export const REQUEST_LOG_RETENTION_DAYS = Symbol('REQUEST_LOG_RETENTION_DAYS');
export const DEFAULT_REQUEST_LOG_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes request logs older than the retention period (PAYRAIL_REQUEST_LOG_RETENTION_DAYS), hourly. */
@Injectable()
export class OldRequestLogsPurger extends PeriodicPurger {
  constructor(
    private readonly logs: RequestLogsRepository,
    @Inject(REQUEST_LOG_RETENTION_DAYS) private readonly retentionDays: number,
  ) {
    super('request logs', 60 * 60 * 1000);
  }

  protected purgeBatch(limit: number): Promise<number> {
    return this.logs.purgeOlderThan(new Date(Date.now() - this.retentionDays * DAY_MS), limit);
  }
}
