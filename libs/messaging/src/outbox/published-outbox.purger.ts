import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_SCHEMA, PeriodicPurger, deleteCounted } from '@payrail/persistence';
import { DataSource } from 'typeorm';

/** How long a published event stays in its service's outbox, for an operator to see what was sent: Kafka's own default retention. */
export const PUBLISHED_OUTBOX_RETENTION_DAYS = 7;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Deletes outbox rows published more than PUBLISHED_OUTBOX_RETENTION_DAYS ago, hourly. Nothing reads a
 * published row again (the relay claims only unpublished ones), and without this every event a service ever
 * published stayed in its schema. An unpublished row is never deleted, however old.
 */
@Injectable()
export class PublishedOutboxPurger extends PeriodicPurger {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DATABASE_SCHEMA) private readonly schema: string,
  ) {
    super('published outbox rows', HOUR_MS);
  }

  protected purgeBatch(limit: number): Promise<number> {
    // Oldest ids first, by the primary key: they are the ones published longest ago.
    return deleteCounted(
      this.dataSource,
      `DELETE FROM "${this.schema}"."outbox" WHERE "id" IN (
         SELECT "id" FROM "${this.schema}"."outbox"
          WHERE "published_at" < now() - make_interval(days => $1) ORDER BY "id" LIMIT $2)`,
      [PUBLISHED_OUTBOX_RETENTION_DAYS, limit],
    );
  }
}
