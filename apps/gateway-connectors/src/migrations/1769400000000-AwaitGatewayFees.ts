import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a transaction's gateway fee is known, and for one the gateway accounts later (Stripe's balance
 * transaction): what to ask it about and when. Rows recorded before this read as `reported` when they hold a
 * fee and `not_reported` otherwise (their fee, if any, is not asked about afterwards). The defaults stay: a
 * replica of the previous release, still running during a rolling deploy, inserts without these columns.
 */
export class AwaitGatewayFees1769400000000 implements MigrationInterface {
  name = 'AwaitGatewayFees1769400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE "connectors"."gateway_transactions"
        ADD COLUMN "gateway_fee_status" text NOT NULL DEFAULT 'not_reported',
        ADD COLUMN "gateway_fee_reference" text,
        ADD COLUMN "gateway_fee_checks" integer NOT NULL DEFAULT 0,
        ADD COLUMN "gateway_fee_next_check_at" timestamptz`,
    );
    await runner.query(`UPDATE "connectors"."gateway_transactions" SET "gateway_fee_status" = 'reported' WHERE "gateway_fee_amount" IS NOT NULL`);
    await runner.query(
      `ALTER TABLE "connectors"."gateway_transactions" ADD CONSTRAINT "CHK_gateway_transactions_fee_status"
        CHECK ("gateway_fee_status" IN ('reported', 'awaited', 'not_reported', 'abandoned')
          AND ("gateway_fee_status" = 'reported') = ("gateway_fee_amount" IS NOT NULL)
          AND ("gateway_fee_status" <> 'awaited' OR ("gateway_fee_reference" IS NOT NULL AND "gateway_fee_next_check_at" IS NOT NULL)))`,
    );
    await runner.query(
      `CREATE INDEX "IDX_gateway_transactions_fee_awaited" ON "connectors"."gateway_transactions" ("gateway_fee_next_check_at")
        WHERE "gateway_fee_status" = 'awaited'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "connectors"."IDX_gateway_transactions_fee_awaited"`);
    await runner.query(`ALTER TABLE "connectors"."gateway_transactions" DROP CONSTRAINT "CHK_gateway_transactions_fee_status"`);
    await runner.query(
      `ALTER TABLE "connectors"."gateway_transactions"
        DROP COLUMN "gateway_fee_next_check_at", DROP COLUMN "gateway_fee_checks", DROP COLUMN "gateway_fee_reference", DROP COLUMN "gateway_fee_status"`,
    );
  }
}
