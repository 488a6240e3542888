import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C `traceparent` of the consumption that recorded an event: its deliveries, made later by the
 * dispatcher (perhaps by another replica, after a restart), continue the trace of the request that
 * caused the event. Null while tracing is off.
 */
export class AddEventTraceparent1769000000000 implements MigrationInterface {
  name = 'AddEventTraceparent1769000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "webhooks"."events" ADD COLUMN "traceparent" text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "webhooks"."events" DROP COLUMN "traceparent"`);
  }
}
