import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pricing plans get a history. Replacing a merchant's plan adds a version (`pricing_plan_versions`, in force
 * from `effective_from`) with its rows, and changes nothing that was there: a charge is priced by the
 * version in force when it succeeded, even when the ledger books it after a later replacement, and a fee
 * once recorded on a balance transaction is never recomputed. Both tables are append-only, as the journal.
 * Plans that existed before become version 1, in force since 1970.
 */
export class VersionPricingPlans1767700300000 implements MigrationInterface {
  name = 'VersionPricingPlans1767700300000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "ledger"."pricing_plan_versions" (
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "version" integer NOT NULL,
      "effective_from" timestamptz NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pricing_plan_versions_pkey" PRIMARY KEY ("merchant_id", "livemode", "version"),
      CONSTRAINT "pricing_plan_versions_version_positive" CHECK ("version" > 0)
    )`);
    await runner.query(`CREATE INDEX "pricing_plan_versions_effective_idx" ON "ledger"."pricing_plan_versions" ("merchant_id", "livemode", "effective_from" DESC, "version" DESC)`);
    await runner.query(`INSERT INTO "ledger"."pricing_plan_versions" ("merchant_id", "livemode", "version", "effective_from")
      SELECT DISTINCT "merchant_id", "livemode", 1, TIMESTAMPTZ '1970-01-01 00:00:00+00' FROM "ledger"."pricing_plans"`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" ADD COLUMN "version" integer NOT NULL DEFAULT 1`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" ALTER COLUMN "version" DROP DEFAULT`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" DROP CONSTRAINT "pricing_plans_pkey"`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" ADD CONSTRAINT "pricing_plans_pkey" PRIMARY KEY ("merchant_id", "livemode", "version", "method", "currency")`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" ADD CONSTRAINT "pricing_plans_version_fkey"
      FOREIGN KEY ("merchant_id", "livemode", "version") REFERENCES "ledger"."pricing_plan_versions" ("merchant_id", "livemode", "version")`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" ADD CONSTRAINT "pricing_plans_method_known" CHECK ("method" IN ('*', 'card', 'mpesa'))`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" ADD CONSTRAINT "pricing_plans_currency_shape" CHECK ("currency" = '*' OR "currency" ~ '^[a-z]{3}$')`);
    for (const table of ['pricing_plan_versions', 'pricing_plans']) {
      await runner.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "ledger"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "ledger"."refuse_change"()`);
    }
  }

  /** Back to one plan per merchant: the latest version's rows. */
  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['pricing_plan_versions', 'pricing_plans']) await runner.query(`DROP TRIGGER "${table}_append_only" ON "ledger"."${table}"`);
    await runner.query(`DELETE FROM "ledger"."pricing_plans" AS "row" WHERE "row"."version" < (
      SELECT max("version") FROM "ledger"."pricing_plan_versions" AS "v" WHERE "v"."merchant_id" = "row"."merchant_id" AND "v"."livemode" = "row"."livemode")`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" DROP CONSTRAINT "pricing_plans_currency_shape"`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" DROP CONSTRAINT "pricing_plans_method_known"`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" DROP CONSTRAINT "pricing_plans_version_fkey"`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" DROP CONSTRAINT "pricing_plans_pkey"`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" DROP COLUMN "version"`);
    await runner.query(`ALTER TABLE "ledger"."pricing_plans" ADD CONSTRAINT "pricing_plans_pkey" PRIMARY KEY ("merchant_id", "livemode", "method", "currency")`);
    await runner.query(`DROP TABLE "ledger"."pricing_plan_versions"`);
  }
}
