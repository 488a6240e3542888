import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /v1/events?created[gte]=…` filters a merchant's events on `occurred_at` (an event's `created` is when
 * its change happened), which no index had: a range of a few old hours read every newer event of the merchant
 * through the `created_at` index. This one reads the range alone; the page is then sorted by `created_at`.
 */
export class AddEventOccurredIndex1769100000000 implements MigrationInterface {
  name = 'AddEventOccurredIndex1769100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "events_merchant_occurred_idx" ON "webhooks"."events" ("merchant_id", "livemode", "occurred_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "webhooks"."events_merchant_occurred_idx"`);
  }
}
