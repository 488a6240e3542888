import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = '"payments"."checkout_sessions"';

/**
 * The digest of what defined a gateway API `/pay` request (see order-fingerprint.ts), so that a retry of it is
 * answered with its session. Sessions made before have none: a second request for their order_id stays refused.
 */
export class RecordCheckoutOrderFingerprints1768400000000 implements MigrationInterface {
  name = 'RecordCheckoutOrderFingerprints1768400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${TABLE} ADD COLUMN "order_fingerprint" text`);
    await runner.query(`ALTER TABLE ${TABLE} ADD CONSTRAINT "checkout_sessions_order_fingerprint_with_order" CHECK ("order_fingerprint" IS NULL OR "order_id" IS NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT "checkout_sessions_order_fingerprint_with_order"`);
    await runner.query(`ALTER TABLE ${TABLE} DROP COLUMN "order_fingerprint"`);
  }
}
