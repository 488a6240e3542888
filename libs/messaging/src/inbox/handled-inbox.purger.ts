import { Inject, Injectable, Optional } from '@nestjs/common';
import { DATABASE_SCHEMA, PeriodicPurger, deleteCounted } from '@payrail/persistence';
import { DataSource } from 'typeorm';
import { INBOX_RETENTION_DAYS } from '../tokens.js';

/**
 * How long a consumer remembers an event it handled, by default: well past Kafka's default topic retention
 * (7 days), the longest a redelivery can come (the outbox republishes a row only for the seconds between its
 * publish and its marking). An operator who keeps topics longer must raise PAYRAIL_INBOX_RETENTION_DAYS past it.
 */
export const DEFAULT_INBOX_RETENTION_DAYS = 30;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes inbox rows handled more than the retention ago, hourly. A row only keeps a redelivery of its event
 * from being handled twice (no consumer reads its inbox for anything else), and none can arrive past the
 * retention; without this every event a consumer ever handled stayed in its schema.
 */
@Injectable()
export class HandledInboxPurger extends PeriodicPurger {
  private readonly retentionDays: number;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DATABASE_SCHEMA) private readonly schema: string,
    @Optional() @Inject(INBOX_RETENTION_DAYS) retentionDays?: number,
  ) {
    super('handled inbox rows', HOUR_MS);
    this.retentionDays = retentionDays ?? DEFAULT_INBOX_RETENTION_DAYS;
  }

  protected purgeBatch(limit: number): Promise<number> {
    // By primary key. No index on handled_at: it would cost every claim a second index write, for an hourly
    // pass whose scan stops at its limit-th expired row.
    return deleteCounted(
      this.dataSource,
      `DELETE FROM "${this.schema}"."inbox" WHERE ("consumer", "message_id") IN (
         SELECT "consumer", "message_id" FROM "${this.schema}"."inbox"
          WHERE "handled_at" < now() - make_interval(days => $1) LIMIT $2)`,
      [this.retentionDays, limit],
    );
  }
}
