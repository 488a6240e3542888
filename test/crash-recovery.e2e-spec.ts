import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  createMerchant,
  restartService,
  startAllInOne,
  startServiceProcesses,
  stopProcess,
  type MerchantCredentials,
  type PlatformUnderTest,
} from '@payrail/testing';

/**
 * Exactly-once payments across crashes. Many create-and-confirm requests, each under its own
 * Idempotency-Key, run concurrently; the processes that create and authorise payments are killed with
 * SIGKILL mid-load (the all-in-one process when embedded; payments and gateway-connectors when
 * distributed) and started again; every request left unanswered is sent again with its key. Then every
 * key has exactly one PaymentIntent, the gateway authorised each at most once, and none is left
 * `processing` once the sweeper has run.
 */
const REQUESTS = 120;
const CONCURRENCY = 8;
const LEASE_SECONDS = 3;
const SWEEP_ENV = {
  PAYRAIL_IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS),
  PAYRAIL_PROCESSING_STALE_AFTER_MS: '4000',
  PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS: '1000',
  // A try made while the restarted gateway-connectors is not listening yet comes again within seconds.
  PAYRAIL_RECONCILIATION_SCHEDULE: '4s,5s,6s,8s,10s,15s,20s,30s,45s,60s,90s,120s',
  // 120 payments and their retries under one key: more than the documented 100 a minute. This spec is about
  // crashes, not limits (rate-limits specs own those), so the key's payment-creation bucket is made roomy.
  PAYRAIL_RATE_LIMITS: 'unauthenticated=100000,failed_authentication=100000,payment_creation=100000',
};

interface Answer {
  status: number;
  body: { id?: string; status?: string; error?: { code?: string } };
  replayed: boolean;
}

describe('payments across a crash', () => {
  let platform: PlatformUnderTest | undefined;
  let db: pg.Client | undefined;

  afterAll(async () => {
    await db?.end();
    if (platform) await Promise.all(platform.processes.map((child) => stopProcess(child)));
    await platform?.dropDatabase?.();
  });

  it('resumes every unanswered request under its key: one intent per key, one authorisation per intent, none left processing', async () => {
    const distributed = process.env.PAYRAIL_TEST_MODE === 'distributed';
    let credentials: MerchantCredentials;
    if (distributed) {
      platform = await startServiceProcesses(process.env.DATABASE_URL!, process.env.KAFKA_BROKERS!, { extraEnv: { ...SWEEP_ENV, KAFKA_NAMESPACE: isolatedNamespace() } });
      credentials = await merchantOn(platform);
    } else {
      platform = await startAllInOne('crash-payments-first-run', { DATABASE_URL: '', KAFKA_BROKERS: '', ...SWEEP_ENV });
      credentials = JSON.parse(await readFile(join((platform as { dataDir: string } & PlatformUnderTest).dataDir, 'sandbox-credentials.json'), 'utf8'));
    }
    const keys = Array.from({ length: REQUESTS }, (_, i) => `crash-${randomBytes(6).toString('hex')}-${i}`);
    const answers = new Map<string, Answer>();
    const send = (baseUrl: string, key: string, i: number) => createAndConfirm(baseUrl, credentials.secret_key, key, 1000 + i);

    // First run: the load, and a kill once some of it has been answered.
    const firstBase = platform.baseUrl;
    let next = 0;
    let killed = false;
    const load = Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        // A lane whose request fails stops, as a client seeing errors would; what was in flight ends as it may.
        while (next < keys.length && !killed) {
          const i = next++;
          try {
            const answer = await send(firstBase, keys[i], i);
            if (answer.status === 200) answers.set(keys[i], answer);
            else return;
          } catch {
            return; // The connection died with the process: unanswered.
          }
        }
      }),
    );
    while (answers.size < 15) await sleep(20);
    // Every lane has a request in flight now; no lane starts another once the processes are gone.
    if (distributed) {
      await Promise.all([stopProcess(platform.processes[1], 'SIGKILL'), stopProcess(platform.processes[2], 'SIGKILL')]);
    } else {
      await stopProcess(platform.processes[0], 'SIGKILL');
    }
    killed = true;
    await load;
    const unanswered = keys.filter((key) => !answers.has(key));
    expect(unanswered.length).toBeGreaterThan(0);

    if (distributed) {
      await Promise.all([restartService(platform, 'gateway-connectors'), restartService(platform, 'payments')]);
    } else {
      platform = await startAllInOne('crash-payments-second-run', { ...platform.env });
    }
    const secondBase = platform.baseUrl;
    db = new pg.Client({ connectionString: platform.databaseUrl });
    await db.connect();
    const leftBehind = (
      await db.query(`SELECT status, count(*)::int AS count FROM payments.payment_intents WHERE merchant_id = $1 AND idempotency_key = ANY($2) GROUP BY status`, [
        credentials.merchant_id,
        unanswered,
      ])
    ).rows;
    console.log(`[crash] ${answers.size} answered, ${unanswered.length} unanswered; intents the crash left for them: ${JSON.stringify(leftBehind)}`);

    // Every unanswered request again, with its key, as a client that got no answer does.
    const retried = new Map<string, Answer>();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, lane) => {
        for (let u = lane; u < unanswered.length; u += CONCURRENCY) {
          const key = unanswered[u];
          retried.set(key, await sendUntilAnswered(() => send(secondBase, key, keys.indexOf(key))));
        }
      }),
    );
    for (const [key, answer] of retried) {
      expect({ key, status: answer.status, code: answer.body.error?.code }).toEqual({ key, status: 200, code: undefined });
    }
    // An answered request sent again is a replay of its answer.
    const replay = await send(secondBase, keys[0], 0);
    if (answers.has(keys[0])) expect(replay).toMatchObject({ status: 200, replayed: true, body: { id: answers.get(keys[0])!.body.id } });

    await waitUntil(async () => Number((await db!.query(`SELECT count(*) FROM payments.payment_intents WHERE merchant_id = $1 AND status = 'processing'`, [credentials.merchant_id])).rows[0].count) === 0, 60_000);

    const intents = (
      await db.query(`SELECT id, idempotency_key, status, amount::text, amount_received::text FROM payments.payment_intents WHERE merchant_id = $1`, [credentials.merchant_id])
    ).rows as Array<{ id: string; idempotency_key: string | null; status: string; amount: string; amount_received: string }>;
    // Exactly one intent per key, and none without one.
    expect(intents).toHaveLength(keys.length);
    expect(new Set(intents.map((row) => row.idempotency_key))).toEqual(new Set(keys));
    const byKey = new Map(intents.map((row) => [row.idempotency_key!, row]));
    for (const [key, answer] of [...answers, ...retried]) expect(answer.body.id).toBe(byKey.get(key)!.id);
    // Every retried payment went through, once.
    for (const key of unanswered) expect(byKey.get(key)).toMatchObject({ status: 'succeeded', amount_received: byKey.get(key)!.amount });

    // The gateway's own record: at most one successful authorisation per intent, and Payrail's agrees.
    const ids = intents.map((row) => row.id);
    const gatewayTwice = await db.query(
      `SELECT split_part(idempotency_key, ':', 2) AS intent, count(*) FROM connectors.sandbox_journal
        WHERE idempotency_key LIKE 'authorization:%' AND answer->>'outcome' = 'succeeded' AND split_part(idempotency_key, ':', 2) = ANY($1)
        GROUP BY 1 HAVING count(*) > 1`,
      [ids],
    );
    expect(gatewayTwice.rows).toEqual([]);
    const recorded = await db.query(
      `SELECT source_id, count(*)::int AS count FROM connectors.gateway_transactions
        WHERE merchant_id = $1 AND kind = 'authorization' AND outcome = 'succeeded' GROUP BY source_id`,
      [credentials.merchant_id],
    );
    expect(recorded.rows.every((row: { count: number }) => row.count === 1)).toBe(true);
    expect(recorded.rows).toHaveLength(intents.filter((row) => row.status === 'succeeded').length);
  }, 300_000);
});

async function createAndConfirm(baseUrl: string, secretKey: string, key: string, amount: number): Promise<Answer> {
  const response = await fetch(`${baseUrl}/v1/payment_intents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': key },
    body: new URLSearchParams({ amount: String(amount), currency: 'usd', payment_method: 'pm_card_visa', confirm: 'true' }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'], replayed: response.headers.get('idempotent-replayed') === 'true' };
}

/** As Stripe's clients do: a 409 (the key's first attempt still holds it) or a 5xx is sent again, with the same key. */
async function sendUntilAnswered(send: () => Promise<Answer>): Promise<Answer> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    let answer: Answer | undefined;
    try {
      answer = await send();
    } catch {
      answer = undefined;
    }
    if (answer && answer.status !== 409 && answer.status < 500) return answer;
    if (Date.now() > deadline) return answer ?? { status: 0, body: {}, replayed: false };
    await sleep(500);
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** Distributed: a Kafka namespace of the test's own (the platform makes its own database), so that its kills touch no other spec. */
function isolatedNamespace(): string {
  return `crash-payments-${randomBytes(4).toString('hex')}.`;
}

/** A merchant on the isolated platform's database, made as an operator would. */
async function merchantOn(platform: PlatformUnderTest): Promise<MerchantCredentials> {
  const saved = { env: process.env.PAYRAIL_TEST_ENV, url: process.env.PAYRAIL_TEST_DATABASE_URL };
  process.env.PAYRAIL_TEST_ENV = JSON.stringify(Object.fromEntries(Object.entries(platform.env).filter(([name]) => name.startsWith('PAYRAIL_'))));
  process.env.PAYRAIL_TEST_DATABASE_URL = platform.databaseUrl;
  try {
    return await createMerchant('Crash');
  } finally {
    process.env.PAYRAIL_TEST_ENV = saved.env;
    process.env.PAYRAIL_TEST_DATABASE_URL = saved.url;
  }
}
