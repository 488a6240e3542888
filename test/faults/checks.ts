import pg from 'pg';
import type Stripe from 'stripe';
import type { PlannedRequest } from './workload.js';

/** What the database says about the requests made, each kind counted. */
export interface Findings {
  lostPayments: string[];
  doubledPayments: string[];
  doubledAuthorisations: string[];
  doubledCharges: string[];
  lostRefunds: string[];
  doubledRefunds: string[];
  lostLedgerEntries: string[];
  doubledLedgerEntries: string[];
  ledgerImbalance: string[];
  processing: string[];
  refusals: string[];
}

interface KeyCount {
  key: string;
  count: number;
}

async function rows<T>(db: pg.Client, sql: string, params: unknown[]): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

export async function inspect(db: pg.Client, merchantId: string, requests: PlannedRequest[]): Promise<Findings> {
  const payments = requests.filter((request) => request.kind === 'payment');
  const refunds = requests.filter((request) => request.kind === 'refund');
  const intentsByKey = await rows<KeyCount>(
    db,
    `SELECT idempotency_key AS key, count(*)::int AS count FROM payments.payment_intents WHERE merchant_id = $1 GROUP BY idempotency_key`,
    [merchantId],
  );
  const refundsByKey = await rows<KeyCount>(
    db,
    `SELECT metadata->>'fault_key' AS key, count(*)::int AS count FROM refunds.refunds WHERE merchant_id = $1 GROUP BY 1`,
    [merchantId],
  );
  const intentCount = new Map(intentsByKey.map((row) => [row.key, row.count]));
  const refundCount = new Map(refundsByKey.map((row) => [row.key, row.count]));
  const paymentKeys = new Set(payments.map((request) => request.key));
  const refundKeys = new Set(refunds.map((request) => request.key));

  // A request refused outright made nothing; any other made exactly one object. An object under a key never sent is doubled too.
  const lostPayments = payments.filter((request) => !request.refusal && !intentCount.has(request.key)).map((request) => request.key);
  const doubledPayments = intentsByKey.filter((row) => row.count > 1 || !paymentKeys.has(row.key)).map((row) => `${row.key} ×${row.count}`);
  const lostRefunds = refunds.filter((request) => !request.refusal && !refundCount.has(request.key)).map((request) => request.key);
  const doubledRefunds = refundsByKey.filter((row) => row.count > 1 || !refundKeys.has(row.key)).map((row) => `${row.key} ×${row.count}`);

  // stripe-mock and the sandbox cannot tell a second authorisation from a first: the connector's own record can.
  const doubledAuthorisations = (
    await rows<KeyCount>(
      db,
      `SELECT source_id AS key, count(*)::int AS count FROM connectors.gateway_transactions
        WHERE merchant_id = $1 AND kind = 'authorization' AND outcome = 'succeeded' GROUP BY source_id HAVING count(*) > 1`,
      [merchantId],
    )
  ).map((row) => `${row.key} ×${row.count}`);
  const doubledCharges = (
    await rows<KeyCount>(
      db,
      `SELECT payment_intent_id AS key, count(*)::int AS count FROM payments.charges WHERE merchant_id = $1 AND status = 'succeeded' GROUP BY 1 HAVING count(*) > 1`,
      [merchantId],
    )
  ).map((row) => `${row.key} ×${row.count}`);

  // Each succeeded charge and refund journaled exactly once (the source key is unique, so a double shows as a second charge or refund, or as an entry for nothing).
  const movements = await rows<{ source: string }>(
    db,
    `SELECT 'charge:' || id AS source FROM payments.charges WHERE merchant_id = $1 AND status = 'succeeded'
      UNION ALL SELECT 'refund:' || id FROM refunds.refunds WHERE merchant_id = $1 AND status = 'succeeded'`,
    [merchantId],
  );
  const entries = await rows<KeyCount>(
    db,
    `SELECT source_key AS key, count(*)::int AS count FROM ledger.journal_entries
      WHERE merchant_id = $1 AND (source_key LIKE 'charge:%' OR source_key LIKE 'refund:%') GROUP BY source_key`,
    [merchantId],
  );
  const entryCount = new Map(entries.map((row) => [row.key, row.count]));
  const expectedSources = new Set(movements.map((row) => row.source));
  const lostLedgerEntries = movements.filter((row) => !entryCount.has(row.source)).map((row) => row.source);
  const doubledLedgerEntries = entries.filter((row) => row.count > 1 || !expectedSources.has(row.key)).map((row) => `${row.key} ×${row.count}`);
  const ledgerImbalance = (
    await rows<{ currency: string; total: string }>(
      db,
      `SELECT p.currency, sum(p.amount)::text AS total FROM ledger.postings p JOIN ledger.journal_entries e ON e.id = p.entry_id
        WHERE e.merchant_id = $1 GROUP BY p.currency HAVING sum(p.amount) <> 0`,
      [merchantId],
    )
  ).map((row) => `${row.currency} ${row.total}`);

  const processing = (
    await rows<{ id: string }>(
      db,
      `SELECT id FROM payments.payment_intents WHERE merchant_id = $1 AND status = 'processing'
        UNION ALL SELECT id FROM refunds.refunds WHERE merchant_id = $1 AND status = 'pending'`,
      [merchantId],
    )
  ).map((row) => row.id);
  const refusals = requests.filter((request) => request.refusal).map((request) => `${request.key}: ${request.refusal}`);
  return { lostPayments, doubledPayments, doubledAuthorisations, doubledCharges, lostRefunds, doubledRefunds, lostLedgerEntries, doubledLedgerEntries, ledgerImbalance, processing, refusals };
}

/** Nothing still on its way: no outcome unknown, no movement waiting for the ledger. */
export function isSettled(findings: Findings): boolean {
  return findings.processing.length === 0 && findings.lostLedgerEntries.length === 0;
}

/** Every event the API lists since the run began, by id (newest first: the walk stops at the first older one). */
export async function listedEvents(stripe: Stripe, since: number): Promise<Set<string>> {
  const ids = new Set<string>();
  // Payrail's GET /v1/events takes no `created` filter (Stripe's does): the period is cut here.
  for await (const event of stripe.events.list({ limit: 100 })) {
    if (event.created < since) break;
    ids.add(event.id);
  }
  return ids;
}
