import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Razorpay orders of canceled intents, looked at again on a schedule for payments made on them late
 * (no webhook, the customer never back). Orders abandoned in the three days before this migration are
 * watched from now on.
 */
export class WatchLatePayments1767950000000 implements MigrationInterface {
  name = 'WatchLatePayments1767950000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "connectors"."late_payment_watches" (
        "authorization_id" text PRIMARY KEY,
        "merchant_id" text NOT NULL,
        "livemode" boolean NOT NULL,
        "looks" integer NOT NULL DEFAULT 0,
        "watched_since" timestamptz NOT NULL,
        "next_look_at" timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX "late_payment_watches_due" ON "connectors"."late_payment_watches" ("next_look_at")`);
    await runner.query(`
      INSERT INTO "connectors"."late_payment_watches" ("authorization_id", "merchant_id", "livemode", "watched_since", "next_look_at")
      SELECT DISTINCT "parent_id", "merchant_id", "livemode", now(), now()
        FROM "connectors"."gateway_transactions"
       WHERE "kind" = 'void' AND "connector" = 'razorpay' AND "idempotency_key" LIKE 'abandoned:%'
         AND "parent_id" IS NOT NULL AND "created_at" > now() - interval '3 days'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "connectors"."late_payment_watches"`);
  }
}
