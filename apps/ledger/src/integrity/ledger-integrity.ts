/** Anything that runs SQL: a TypeORM DataSource or EntityManager, or a `pg` client wrapped alike. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface LedgerCheckReport {
  accounts: number;
  entries: number;
  postings: number;
  /** Every currency's sum over all postings: zero when the books balance. */
  totals: Array<{ currency: string; sum: string }>;
  problems: string[];
}

/**
 * Recomputes the ledger from its postings and compares: each account's cached balance with the sum of
 * its postings, each entry's sum per currency, each currency's total, each floor, and each balance
 * transaction's net with the merchant-side posting of its entry; and the reporting rollup with the balance
 * transactions it sums.
 */
export async function checkLedger(db: SqlRunner): Promise<LedgerCheckReport> {
  const problems: string[] = [];
  const drifted = (await db.query(
    `SELECT a."id", a."balance"::text AS "cached", COALESCE(SUM(p."amount"), 0)::text AS "recomputed"
       FROM "ledger"."ledger_accounts" a LEFT JOIN "ledger"."postings" p ON p."account_id" = a."id"
      GROUP BY a."id", a."balance" HAVING a."balance" <> COALESCE(SUM(p."amount"), 0)`,
  )) as Array<{ id: string; cached: string; recomputed: string }>;
  for (const row of drifted) problems.push(`account ${row.id}: cached balance ${row.cached}, postings sum to ${row.recomputed}`);

  const unbalanced = (await db.query(
    `SELECT "entry_id", "currency", SUM("amount")::text AS "sum" FROM "ledger"."postings" GROUP BY "entry_id", "currency" HAVING SUM("amount") <> 0`,
  )) as Array<{ entry_id: string; currency: string; sum: string }>;
  for (const row of unbalanced) problems.push(`entry ${row.entry_id}: ${row.currency} postings sum to ${row.sum}`);

  const totals = (await db.query(`SELECT "currency", SUM("amount")::text AS "sum" FROM "ledger"."postings" GROUP BY "currency" ORDER BY "currency"`)) as Array<{
    currency: string;
    sum: string;
  }>;
  for (const row of totals.filter((total) => total.sum !== '0')) problems.push(`currency ${row.currency}: all postings sum to ${row.sum}`);

  const belowFloor = (await db.query(
    `SELECT "id", "balance"::text AS "balance", "floor"::text AS "floor" FROM "ledger"."ledger_accounts" WHERE "floor" IS NOT NULL AND "balance" < "floor"`,
  )) as Array<{ id: string; balance: string; floor: string }>;
  for (const row of belowFloor) problems.push(`account ${row.id}: balance ${row.balance} below its floor ${row.floor}`);

  // The reporting summary's daily rollup against the balance transactions it folds.
  const rollupDrift = (await db.query(
    `WITH recomputed AS (
       SELECT "merchant_id", "livemode", (("created_at" AT TIME ZONE 'UTC')::date - DATE '1970-01-01') AS "day", "currency", "reporting_category",
              count(*) AS "count", sum("amount") AS "amount", sum("fee") AS "fee", sum("net") AS "net"
         FROM "ledger"."balance_transactions" GROUP BY 1, 2, 3, 4, 5)
     SELECT coalesce(r."merchant_id", d."merchant_id") AS "merchant_id", coalesce(r."day", d."day") AS "day", coalesce(r."currency", d."currency") AS "currency",
            coalesce(r."reporting_category", d."reporting_category") AS "category"
       FROM recomputed r FULL OUTER JOIN "ledger"."reporting_daily" d
         ON d."merchant_id" = r."merchant_id" AND d."livemode" = r."livemode" AND d."day" = r."day" AND d."currency" = r."currency" AND d."reporting_category" = r."reporting_category"
      WHERE r."count" IS DISTINCT FROM d."count" OR r."amount" IS DISTINCT FROM d."amount" OR r."fee" IS DISTINCT FROM d."fee" OR r."net" IS DISTINCT FROM d."net"`,
  )) as Array<{ merchant_id: string; day: number; currency: string; category: string }>;
  for (const row of rollupDrift) problems.push(`reporting_daily ${row.merchant_id} day ${row.day} ${row.currency} ${row.category}: differs from its balance transactions`);

  const [counts] = (await db.query(
    `SELECT (SELECT COUNT(*) FROM "ledger"."ledger_accounts")::int AS "accounts", (SELECT COUNT(*) FROM "ledger"."journal_entries")::int AS "entries",
            (SELECT COUNT(*) FROM "ledger"."postings")::int AS "postings"`,
  )) as Array<{ accounts: number; entries: number; postings: number }>;
  return { ...counts, totals, problems };
}
