import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Postings are folded into their accounts' cached balances once per INSERT statement rather than once per
 * row: a batch of transfers from one hot account writes all its postings in one statement, and the hot
 * balance row is then updated once (balance + the sum, version + the count), not once per posting. The
 * floor CHECK still judges the folded balance, and the deferred zero-sum check per entry is unchanged.
 */
export class FoldPostingsPerStatement1767700400000 implements MigrationInterface {
  name = 'FoldPostingsPerStatement1767700400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER "postings_fold_into_balance" ON "ledger"."postings"`);
    await runner.query(`CREATE FUNCTION "ledger"."fold_postings"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Locked in id order first: the UPDATE's join visits rows in no set order, and two writers must not deadlock.
        -- NO KEY UPDATE, as the UPDATE itself takes: the postings' foreign key already holds KEY SHARE on these rows,
        -- which FOR UPDATE conflicts with, so two writers of one account would each wait for the other's.
        PERFORM 1 FROM "ledger"."ledger_accounts" WHERE "id" IN (SELECT "account_id" FROM "new_postings") ORDER BY "id" FOR NO KEY UPDATE;
        UPDATE "ledger"."ledger_accounts" AS a SET "balance" = a."balance" + folded."total", "version" = a."version" + folded."count"
          FROM (SELECT "account_id", SUM("amount") AS "total", COUNT(*) AS "count" FROM "new_postings" GROUP BY "account_id") AS folded
          WHERE a."id" = folded."account_id";
        RETURN NULL;
      END $$`);
    await runner.query(`CREATE TRIGGER "postings_fold_into_balances" AFTER INSERT ON "ledger"."postings"
      REFERENCING NEW TABLE AS "new_postings" FOR EACH STATEMENT EXECUTE FUNCTION "ledger"."fold_postings"()`);
    await runner.query(`DROP FUNCTION "ledger"."fold_posting"()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER "postings_fold_into_balances" ON "ledger"."postings"`);
    await runner.query(`DROP FUNCTION "ledger"."fold_postings"()`);
    await runner.query(`CREATE FUNCTION "ledger"."fold_posting"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "ledger"."ledger_accounts" SET "balance" = "balance" + NEW."amount", "version" = "version" + 1 WHERE "id" = NEW."account_id";
        RETURN NULL;
      END $$`);
    await runner.query(`CREATE TRIGGER "postings_fold_into_balance" AFTER INSERT ON "ledger"."postings"
      FOR EACH ROW EXECUTE FUNCTION "ledger"."fold_posting"()`);
  }
}
