import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller, type CheckRoutingResult, type RequestOf, type SyncAuthorizationResult, type TokenizeCardResult } from '@payrail/contracts';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { PaymentsModule } from '../payments.module.js';
import { ProcessingSweeper } from './processing-sweeper.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_recon_${run}`, livemode: false };
const card = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040, funding: 'credit', country: 'US', fingerprint: 'fpRECONCILE012345' };

interface ScheduleRow {
  status: string;
  reconciliation_attempts: number;
  reconciliation_next_at: Date | null;
  reconciliation_last_error: string | null;
  reconciliation: string | null;
  since_ms: number;
}

/**
 * Two payments replicas over one database, each with its own bus and its own fake of gateway-connectors
 * (which answers a sync from the gateway's record, or fails while the gateway is down). Their
 * reconcilers share one schedule: an intent due now is asked about by one of them, once.
 */
describe('payments: replicas share the reconciliation schedule of processing intents', () => {
  let postgres: TestDatabase | undefined;
  const brokers: InProcessBroker[] = [];
  const apps: INestMicroservice[] = [];
  let dataSource: DataSource;
  const syncs: string[] = [];
  const gatewayDown = new Set<string>();

  function fakeConnectors(): Map<string, (request: { data: unknown }) => Promise<Reply>> {
    return new Map([
      [Patterns.ConnectorCardTokenize, async (): Promise<Reply> => ({ ok: true, data: { connector: 'sandbox', token: 'pm_gateway_token', card } satisfies TokenizeCardResult })],
      [
        Patterns.RoutingCheck,
        async (request: { data: unknown }): Promise<Reply> => {
          const { params } = request.data as RequestOf<typeof Patterns.RoutingCheck>;
          return { ok: true, data: { routable: params.paymentMethodTypes, unroutable: [] } satisfies CheckRoutingResult };
        },
      ],
      [
        Patterns.ConnectorSyncAuthorization,
        async (request: { data: unknown }): Promise<Reply> => {
          const { params } = request.data as RequestOf<typeof Patterns.ConnectorSyncAuthorization>;
          syncs.push(params.paymentIntentId);
          // Latency, so that the two replicas' passes overlap.
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (gatewayDown.has(params.paymentIntentId)) return { ok: false, error: { code: 'gateway_unavailable', message: 'The gateway did not answer.' } };
          const answer: SyncAuthorizationResult = {
            outcome: 'succeeded',
            connector: 'sandbox',
            gatewayReference: `gtx_${params.paymentIntentId}`,
            card,
            networkStatus: 'approved_by_network',
            riskLevel: 'normal',
            sellerMessage: 'Payment complete.',
            gateway: { gateway_account: null, gateway: 'sandbox', reference: null, attempts: [] },
          };
          return { ok: true, data: answer };
        },
      ],
    ]);
  }

  beforeAll(async () => {
    postgres = await openTestDatabase();
    // The timers only run their first pass at boot; the test drives every later pass itself.
    const env = { ...process.env, PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS: '3600000', PAYRAIL_PROCESSING_STALE_AFTER_MS: '60000' };
    for (const replica of ['a', 'b']) {
      const broker = new InProcessBroker();
      await broker.serveRequests(`connectors-fake-${replica}`, fakeConnectors());
      brokers.push(broker);
      apps.push(await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker }));
    }
    dataSource = apps[0].get(DataSource);
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const broker of brokers) await broker.close();
    await postgres?.stop();
  });

  const { ok } = busRequests(() => brokers[0]);
  const sweepers = () => apps.map((app) => app.get(ProcessingSweeper));
  /** One pass of each replica's reconciler, at the same time. */
  const passOfBoth = () => Promise.all(sweepers().map((sweeper) => sweeper.runOnce()));
  const syncsOf = (id: string) => syncs.filter((synced) => synced === id).length;

  /** The state a confirmation leaves while its gateway call is out: claimed for attempt 1, `ageMs` ago. */
  async function processingIntent(ageMs: number): Promise<string> {
    const intent = await ok(Patterns.PaymentIntentCreate, { caller: merchant, params: { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa' } });
    await dataSource.query(
      `UPDATE payments.payment_intents SET status = 'processing', attempts = 1, in_flight = '{"step": "authorization", "attempt": 1}',
         updated_at = now() - ($2 || ' milliseconds')::interval WHERE id = $1`,
      [intent.id, String(ageMs)],
    );
    return intent.id;
  }

  async function scheduleOf(id: string): Promise<ScheduleRow> {
    const [row] = (await dataSource.query(
      `SELECT status, reconciliation_attempts, reconciliation_next_at, reconciliation_last_error, reconciliation,
              floor(extract(epoch FROM updated_at) * 1000)::float8 AS since_ms
         FROM payments.payment_intents WHERE id = $1`,
      [id],
    )) as ScheduleRow[];
    return row;
  }

  /** Time passes until the next scheduled try is due. */
  const nextTryIsDue = (id: string) => dataSource.query(`UPDATE payments.payment_intents SET reconciliation_next_at = now() - interval '1 second' WHERE id = $1`, [id]);

  it('settles every stale intent once although both replicas pass at the same time', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => processingIntent(10 * 60_000)));
    await passOfBoth();
    for (const id of ids) {
      expect(syncsOf(id)).toBe(1);
      expect(await scheduleOf(id)).toMatchObject({ status: 'succeeded', reconciliation_attempts: 1, reconciliation_last_error: null });
    }
    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: ids[0] } });
    expect(charges.data).toHaveLength(1);
  });

  it('leaves a confirmation that may still be under way to its live answer', async () => {
    const id = await processingIntent(1000);
    await passOfBoth();
    expect(syncsOf(id)).toBe(0);
    expect(await scheduleOf(id)).toMatchObject({ status: 'processing', reconciliation_attempts: 0, reconciliation_next_at: null });
  });

  it('records a try the gateway could not answer, waits for the next scheduled one, then settles', async () => {
    const id = await processingIntent(2 * 60_000 + 5000);
    gatewayDown.add(id);
    await passOfBoth();
    const afterFirst = await scheduleOf(id);
    expect(syncsOf(id)).toBe(1);
    expect(afterFirst).toMatchObject({ status: 'processing', reconciliation_attempts: 1, reconciliation: null });
    expect(afterFirst.reconciliation_last_error).toContain('The gateway did not answer.');
    // The next try is 5 minutes after the intent went processing, not a pass later.
    expect(afterFirst.reconciliation_next_at!.getTime() - afterFirst.since_ms).toBe(5 * 60_000);
    // The merchant sees the intent is being settled with the gateway, and when it is asked next.
    expect((await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id } })).reconciliation).toEqual({
      status: 'scheduled',
      attempts: 1,
      next_attempt_at: Math.floor(afterFirst.reconciliation_next_at!.getTime() / 1000),
      last_error: expect.stringContaining('The gateway did not answer.'),
    });

    await passOfBoth();
    expect(syncsOf(id)).toBe(1);

    gatewayDown.delete(id);
    await nextTryIsDue(id);
    await passOfBoth();
    expect(syncsOf(id)).toBe(2);
    expect(await scheduleOf(id)).toMatchObject({ status: 'succeeded', reconciliation_attempts: 2 });
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id } })).toMatchObject({ status: 'succeeded', amount_received: 4200, reconciliation: null });
  });

  it('gives up after a week: the intent stays processing, flagged gave_up, and is not asked about again', async () => {
    const id = await processingIntent(10 * 60_000);
    gatewayDown.add(id);
    await passOfBoth();
    // A week later, in the same processing episode.
    await dataSource.query(
      `UPDATE payments.payment_intents SET updated_at = now() - interval '7 days 1 minute', reconciliation_since = now() - interval '7 days 1 minute',
         reconciliation_next_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    await passOfBoth();
    expect(syncsOf(id)).toBe(2);
    expect(await scheduleOf(id)).toMatchObject({ status: 'processing', reconciliation_attempts: 2, reconciliation: 'gave_up', reconciliation_next_at: null });
    // The merchant sees it is unresolved and that Payrail stopped asking.
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id } })).toMatchObject({
      status: 'processing',
      reconciliation: { status: 'gave_up', attempts: 2, next_attempt_at: null, last_error: expect.stringContaining('The gateway did not answer.') },
    });

    await passOfBoth();
    expect(syncsOf(id)).toBe(2);
  });

  it('starts a new schedule when the intent goes processing again', async () => {
    const id = await processingIntent(10 * 60_000);
    gatewayDown.add(id);
    await passOfBoth();
    await nextTryIsDue(id);
    await passOfBoth();
    expect(await scheduleOf(id)).toMatchObject({ reconciliation_attempts: 2 });
    // A retry with its key moved it on and back to processing (a new confirmation attempt), long ago.
    await dataSource.query(`UPDATE payments.payment_intents SET updated_at = now() - interval '3 minutes' WHERE id = $1`, [id]);
    await passOfBoth();
    expect(syncsOf(id)).toBe(3);
    expect(await scheduleOf(id)).toMatchObject({ status: 'processing', reconciliation_attempts: 1 });
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id } })).toMatchObject({ reconciliation: { status: 'scheduled', attempts: 1 } });
  });
});
