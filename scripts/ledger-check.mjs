#!/usr/bin/env node
// `npm run ledger:check` (after `npm run build`): recomputes every ledger balance from its postings and
// compares with the cached balances; checks every journal entry and every currency sums to zero and no
// account is below its floor. Exits 1 on any mismatch.
// Database: DATABASE_URL, or else the running all-in-one platform's runtime.json in PAYRAIL_DATA_DIR
// (default .payrail, where `npm start` keeps its data).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { checkLedger } from '../dist/apps/ledger/src/integrity/ledger-integrity.js';

function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const runtime = join(resolve(process.env.PAYRAIL_DATA_DIR ?? '.payrail'), 'runtime.json');
  return JSON.parse(readFileSync(runtime, 'utf8')).databaseUrl;
}

const client = new pg.Client({ connectionString: databaseUrl() });
await client.connect();
try {
  const report = await checkLedger({ query: async (sql, parameters) => (await client.query(sql, parameters)).rows });
  console.log(`ledger: ${report.accounts} accounts, ${report.entries} entries, ${report.postings} postings`);
  for (const total of report.totals) console.log(`  ${total.currency}: all postings sum to ${total.sum}`);
  for (const problem of report.problems) console.log(`MISMATCH ${problem}`);
  if (report.problems.length > 0) process.exitCode = 1;
  else console.log('ledger check passed: every cached balance equals its postings; every entry and currency sums to zero');
} finally {
  await client.end();
}
