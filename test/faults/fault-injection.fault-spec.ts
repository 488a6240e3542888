import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { LOG_DIR, StallingWebhookReceiver } from '@payrail/testing';
import { inspect, isSettled, listedEvents } from './checks.js';
import { distributedRuntime, embeddedRuntime, type RuntimeUnderFaults } from './runtimes.js';
import { retryUnanswered, runLoad, sdkFor, type Workload } from './workload.js';

/**
 * Faults under a steady stream of payments, refunds and webhook deliveries (issue #15). Each fault the
 * runtime can take is injected in turn while the load runs; then every unanswered request is sent again
 * under its key until answered, the platform is left to settle, and the database and the API must show
 * zero lost and zero doubled payments, refunds, authorisations and ledger entries, nothing left
 * processing, and every event the API lists received (signature verified) by the merchant's endpoint.
 * Embedded by default; distributed (its own Postgres and Kafka) through `.ci/faults.sh`.
 */
const LANES = 6;
const STEADY_MS = 3_000;
const SETTLE_MS = 120_000;
export const TALLY_FILE = join(LOG_DIR, 'fault-tally.txt');

describe('payments, refunds and webhooks under injected faults', () => {
  let runtime: RuntimeUnderFaults | undefined;
  let receiver: StallingWebhookReceiver;
  let db: pg.Client | undefined;

  afterAll(async () => {
    await db?.end();
    await runtime?.stop();
    await receiver?.stop();
  });

  it('loses and doubles nothing, leaves nothing processing, and delivers every event at least once', async () => {
    rmSync(TALLY_FILE, { force: true });
    runtime = process.env.PAYRAIL_FAULTS_RUNTIME === 'distributed' ? await distributedRuntime(process.env) : await embeddedRuntime();
    receiver = await StallingWebhookReceiver.start();
    const current = runtime;
    const client = () => sdkFor(current.platform.baseUrl, current.credentials.secret_key);
    const endpoint = await client().webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    await sleep(1_100);
    const since = Math.floor(Date.now() / 1000);

    const workload: Workload = { requests: [], retries: 0 };
    const injected: string[] = [];
    let loading = true;
    const load = runLoad(workload, client, LANES, () => loading, randomBytes(4).toString('hex'));
    for (const fault of runtime.faults(receiver)) {
      await sleep(STEADY_MS);
      const started = Date.now();
      await fault.inject();
      injected.push(`${fault.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      console.log(`[faults] injected: ${injected.at(-1)}; ${workload.requests.length} requests so far`);
    }
    await sleep(STEADY_MS);
    loading = false;
    await load;

    const unansweredAfterLoad = workload.requests.filter((request) => !request.answeredId && !request.refusal).length;
    const retryStarted = Date.now();
    await retryUnanswered(workload, client, LANES, SETTLE_MS);
    console.log(`[faults] ${unansweredAfterLoad} unanswered requests retried in ${((Date.now() - retryStarted) / 1000).toFixed(1)} s (${workload.retries} tries)`);

    db = new pg.Client({ connectionString: runtime.platform.databaseUrl });
    await db.connect();
    const merchantId = runtime.credentials.merchant_id!;
    // Quiescence: the sweepers have settled every unknown outcome, the ledger has journaled every movement, and the endpoint has every event listed
    // (a double never heals, so waiting stops without it).
    const deadline = Date.now() + SETTLE_MS;
    const observe = async () => ({
      findings: await inspect(db!, merchantId, workload.requests),
      expected: await listedEvents(client(), since),
      // Each delivery's signature is checked as the merchant's code would check it; a bad one throws.
      received: new Set(receiver.accepted.map((delivery) => client().webhooks.constructEvent(delivery.body, delivery.headers['payments-signature'] as string, endpoint.secret!).id)),
    });
    let observed = await observe();
    while (!(isSettled(observed.findings) && [...observed.expected].every((id) => observed.received.has(id))) && Date.now() < deadline) {
      await sleep(1_000);
      observed = await observe();
    }
    const { findings, expected, received } = observed;
    const missingEvents = [...expected].filter((id) => !received.has(id));
    const unanswered = workload.requests.filter((request) => !request.answeredId && !request.refusal).map((request) => `${request.key}: ${request.lastFailure}`);

    const triesOf = new Map(workload.requests.map((request) => [request.key, request.tries]));
    for (const [kind, list] of Object.entries(findings)) {
      // Each finding with the number of times its request was sent: a double after one try is not a retry's doing.
      if (list.length) console.log(`[faults] ${kind}: ${list.slice(0, 10).map((item: string) => `${item} (sent ${triesOf.get(item.split(/[ :]/)[0]) ?? '?'}×)`).join('; ')}`);
    }
    const payments = workload.requests.filter((request) => request.kind === 'payment').length;
    const tally = [
      `fault injection (${runtime.mode}): ${workload.requests.length} requests (${payments} payments, ${workload.requests.length - payments} refunds), ${unansweredAfterLoad} unanswered during the faults`,
      `faults injected: ${injected.length}: ${injected.join('; ')}`,
      `retries: ${workload.retries}; still unanswered: ${unanswered.length}; refused: ${findings.refusals.length}`,
      `lost: payments ${findings.lostPayments.length}, refunds ${findings.lostRefunds.length}, ledger entries ${findings.lostLedgerEntries.length}, events ${missingEvents.length}`,
      `doubled: payments ${findings.doubledPayments.length}, authorisations ${findings.doubledAuthorisations.length}, charges ${findings.doubledCharges.length}, refunds ${findings.doubledRefunds.length}, ledger entries ${findings.doubledLedgerEntries.length}; ledger imbalance ${findings.ledgerImbalance.length ? findings.ledgerImbalance.join(', ') : 'none'}`,
      `left processing/pending: ${findings.processing.length}`,
      `events expected ${expected.size}, received ${received.size} (${receiver.accepted.length} deliveries accepted, ${receiver.held} held, ${receiver.refused} refused with 503)`,
    ];
    mkdirSync(LOG_DIR, { recursive: true });
    writeFileSync(TALLY_FILE, `${tally.join('\n')}\n`);
    console.log(tally.join('\n'));

    expect(unansweredAfterLoad).toBeGreaterThan(0);
    expect({ unanswered, missingEvents, ...findings }).toEqual({
      unanswered: [],
      missingEvents: [],
      lostPayments: [],
      doubledPayments: [],
      doubledAuthorisations: [],
      doubledCharges: [],
      lostRefunds: [],
      doubledRefunds: [],
      lostLedgerEntries: [],
      doubledLedgerEntries: [],
      ledgerImbalance: [],
      processing: [],
      refusals: [],
    });
  }, 600_000);
});
