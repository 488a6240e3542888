import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting summary for a big merchant. Summing a million balance transactions per request is too slow
 * whatever the index, so each UTC day's totals per merchant, currency and category are kept in
 * `reporting_daily`, folded in by a statement trigger as balance transactions are inserted (one upsert per
 * group, not per row). A summary reads whole days from it and only the partial first and last days from
 * `balance_transactions`, through the covering index below. Balance transactions are never deleted, and
 * their amounts, category and `created_at` never change (only `status`), so the fold stays exact.
 */
export class AddReportingDaily1767700200000 implements MigrationInterface {
  name = 'AddReportingDaily1767700200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "balance_transactions_reporting_idx" ON "ledger"."balance_transactions"
      ("merchant_id", "livemode", "created_at") INCLUDE ("currency", "reporting_category", "amount", "fee", "net")`);
    await runner.query(`CREATE TABLE "ledger"."reporting_daily" (
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "day" integer NOT NULL,
      "currency" text NOT NULL,
      "reporting_category" text NOT NULL,
      "count" bigint NOT NULL,
      "amount" bigint NOT NULL,
      "fee" bigint NOT NULL,
      "net" bigint NOT NULL,
      CONSTRAINT "reporting_daily_pkey" PRIMARY KEY ("merchant_id", "livemode", "day", "currency", "reporting_category")
    )`);
    await runner.query(`COMMENT ON COLUMN "ledger"."reporting_daily"."day" IS 'UTC days since 1970-01-01'`);
    await runner.query(`CREATE FUNCTION "ledger"."fold_reporting_daily"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "ledger"."reporting_daily" ("merchant_id", "livemode", "day", "currency", "reporting_category", "count", "amount", "fee", "net")
          SELECT "merchant_id", "livemode", (("created_at" AT TIME ZONE 'UTC')::date - DATE '1970-01-01'), "currency", "reporting_category", count(*), sum("amount"), sum("fee"), sum("net")
            FROM inserted GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT ("merchant_id", "livemode", "day", "currency", "reporting_category") DO UPDATE SET
          "count" = "reporting_daily"."count" + EXCLUDED."count",
          "amount" = "reporting_daily"."amount" + EXCLUDED."amount",
          "fee" = "reporting_daily"."fee" + EXCLUDED."fee",
          "net" = "reporting_daily"."net" + EXCLUDED."net";
        RETURN NULL;
      END $$`);
    await runner.query(`CREATE TRIGGER "balance_transactions_fold_reporting_daily" AFTER INSERT ON "ledger"."balance_transactions"
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "ledger"."fold_reporting_daily"()`);
    await runner.query(`INSERT INTO "ledger"."reporting_daily" ("merchant_id", "livemode", "day", "currency", "reporting_category", "count", "amount", "fee", "net")
      SELECT "merchant_id", "livemode", (("created_at" AT TIME ZONE 'UTC')::date - DATE '1970-01-01'), "currency", "reporting_category", count(*), sum("amount"), sum("fee"), sum("net")
        FROM "ledger"."balance_transactions" GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER "balance_transactions_fold_reporting_daily" ON "ledger"."balance_transactions"`);
    await runner.query(`DROP FUNCTION "ledger"."fold_reporting_daily"()`);
    await runner.query(`DROP TABLE "ledger"."reporting_daily"`);
    await runner.query(`DROP INDEX "ledger"."balance_transactions_reporting_idx"`);
  }
}
