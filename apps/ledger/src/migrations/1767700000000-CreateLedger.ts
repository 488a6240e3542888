import { messagingTablesDown, messagingTablesUp } from '@payrail/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journal and what is derived from it. Postgres, not only the code, keeps the books straight:
 * - `postings` and `journal_entries` are append-only (a trigger refuses UPDATE and DELETE);
 * - every entry's postings sum to zero per currency, checked by a DEFERRED constraint trigger, i.e. at
 *   COMMIT: postings may be written in any number of statements, but no transaction commits an
 *   unbalanced entry, whichever code path wrote it;
 * - a posting's currency is its account's (composite foreign key);
 * - each posting is folded into its account's cached `balance` (and `version`) by a trigger in the same
 *   transaction, so the cache cannot drift from the postings; an account's `floor`, when it has one, is
 *   a CHECK on that cache, so an overdraft fails the whole entry.
 */
export class CreateLedger1767700000000 implements MigrationInterface {
  name = 'CreateLedger1767700000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingTablesUp('ledger')) await runner.query(statement);
    await runner.query(`CREATE TABLE "ledger"."ledger_accounts" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "code" text NOT NULL,
      "currency" text NOT NULL,
      "floor" bigint,
      "balance" bigint NOT NULL DEFAULT 0,
      "version" bigint NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "ledger_accounts_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "ledger_accounts_id_currency_key" UNIQUE ("id", "currency"),
      CONSTRAINT "ledger_accounts_code_key" UNIQUE ("merchant_id", "livemode", "code", "currency"),
      CONSTRAINT "ledger_accounts_currency_lower" CHECK ("currency" ~ '^[a-z]{3}$'),
      CONSTRAINT "ledger_accounts_balance_above_floor" CHECK ("floor" IS NULL OR "balance" >= "floor")
    )`);
    await runner.query(`CREATE TABLE "ledger"."journal_entries" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "kind" text NOT NULL,
      "source_key" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "journal_entries_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "journal_entries_source_key" UNIQUE ("merchant_id", "livemode", "source_key")
    )`);
    await runner.query(`CREATE TABLE "ledger"."postings" (
      "id" bigserial NOT NULL,
      "entry_id" text NOT NULL,
      "account_id" text NOT NULL,
      "currency" text NOT NULL,
      "amount" bigint NOT NULL,
      CONSTRAINT "postings_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "postings_entry_fkey" FOREIGN KEY ("entry_id") REFERENCES "ledger"."journal_entries" ("id"),
      CONSTRAINT "postings_account_currency_fkey" FOREIGN KEY ("account_id", "currency") REFERENCES "ledger"."ledger_accounts" ("id", "currency"),
      CONSTRAINT "postings_amount_nonzero" CHECK ("amount" <> 0)
    )`);
    await runner.query(`CREATE INDEX "postings_entry_idx" ON "ledger"."postings" ("entry_id")`);
    await runner.query(`CREATE INDEX "postings_account_idx" ON "ledger"."postings" ("account_id")`);

    await runner.query(`CREATE FUNCTION "ledger"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger %.% is append-only', TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of ['journal_entries', 'postings']) {
      await runner.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "ledger"."${table}"
        FOR EACH ROW EXECUTE FUNCTION "ledger"."refuse_change"()`);
      await runner.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "ledger"."${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "ledger"."refuse_change"()`);
    }

    await runner.query(`CREATE FUNCTION "ledger"."check_entry_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE unbalanced text;
      BEGIN
        SELECT "currency" INTO unbalanced FROM "ledger"."postings" WHERE "entry_id" = NEW."entry_id"
          GROUP BY "currency" HAVING SUM("amount") <> 0 LIMIT 1;
        IF unbalanced IS NOT NULL THEN
          RAISE EXCEPTION 'journal entry % does not sum to zero in %', NEW."entry_id", unbalanced USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await runner.query(`CREATE CONSTRAINT TRIGGER "postings_entry_balanced" AFTER INSERT ON "ledger"."postings"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger"."check_entry_balanced"()`);

    await runner.query(`CREATE FUNCTION "ledger"."fold_posting"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "ledger"."ledger_accounts" SET "balance" = "balance" + NEW."amount", "version" = "version" + 1 WHERE "id" = NEW."account_id";
        RETURN NULL;
      END $$`);
    await runner.query(`CREATE TRIGGER "postings_fold_into_balance" AFTER INSERT ON "ledger"."postings"
      FOR EACH ROW EXECUTE FUNCTION "ledger"."fold_posting"()`);

    await runner.query(`CREATE TABLE "ledger"."balance_transactions" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "entry_id" text NOT NULL,
      "type" text NOT NULL,
      "reporting_category" text NOT NULL,
      "source" text NOT NULL,
      "amount" bigint NOT NULL,
      "fee" bigint NOT NULL,
      "net" bigint NOT NULL,
      "currency" text NOT NULL,
      "status" text NOT NULL,
      "available_on" timestamptz NOT NULL,
      "description" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "balance_transactions_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "balance_transactions_entry_fkey" FOREIGN KEY ("entry_id") REFERENCES "ledger"."journal_entries" ("id"),
      CONSTRAINT "balance_transactions_net" CHECK ("net" = "amount" - "fee"),
      CONSTRAINT "balance_transactions_status_known" CHECK ("status" IN ('pending', 'available')),
      CONSTRAINT "balance_transactions_type_known" CHECK ("type" IN ('charge', 'refund', 'adjustment'))
    )`);
    await runner.query(`CREATE INDEX "balance_transactions_merchant_created_idx" ON "ledger"."balance_transactions" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE INDEX "balance_transactions_source_idx" ON "ledger"."balance_transactions" ("source")`);
    await runner.query(`CREATE INDEX "balance_transactions_pending_idx" ON "ledger"."balance_transactions" ("available_on") WHERE "status" = 'pending'`);

    await runner.query(`CREATE TABLE "ledger"."pricing_plans" (
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "method" text NOT NULL,
      "currency" text NOT NULL,
      "percent_bps" integer NOT NULL,
      "fixed_amount" bigint NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pricing_plans_pkey" PRIMARY KEY ("merchant_id", "livemode", "method", "currency"),
      CONSTRAINT "pricing_plans_percent_range" CHECK ("percent_bps" BETWEEN 0 AND 10000),
      CONSTRAINT "pricing_plans_fixed_nonnegative" CHECK ("fixed_amount" >= 0)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ledger"."pricing_plans"`);
    await runner.query(`DROP TABLE "ledger"."balance_transactions"`);
    await runner.query(`DROP TABLE "ledger"."postings"`);
    await runner.query(`DROP TABLE "ledger"."journal_entries"`);
    await runner.query(`DROP TABLE "ledger"."ledger_accounts"`);
    await runner.query(`DROP FUNCTION "ledger"."fold_posting"()`);
    await runner.query(`DROP FUNCTION "ledger"."check_entry_balanced"()`);
    await runner.query(`DROP FUNCTION "ledger"."refuse_change"()`);
    for (const statement of messagingTablesDown('ledger')) await runner.query(statement);
  }
}
