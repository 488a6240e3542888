import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import {
  Patterns,
  ServiceNames,
  Topics,
  type Caller,
  type CheckRoutingResult,
  type ConnectorsEvent,
  type PaymentsEvent,
  type RequestOf,
  type SyncAuthorizationResult,
  type TokenizeCardResult,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { PaymentsModule } from '../payments.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_pcb_a_${run}`, livemode: false };
const other: Caller = { merchantId: `acct_pcb_b_${run}`, livemode: false };
const card = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040, funding: 'credit', country: 'US', fingerprint: 'fpCALLBACK0123456' };

/**
 * Payments hearing a gateway's callback about a `processing` intent. gateway-connectors is faked: it
 * answers the sync the way it would once the gateway has the payment, and counts how often it was asked.
 */
describe('payments: a gateway callback settles a processing intent through the sync path', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  const syncs: Array<RequestOf<typeof Patterns.ConnectorSyncAuthorization>> = [];
  const paymentsEvents: PaymentsEvent[] = [];

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    await broker.serveRequests(
      'connectors-fake',
      new Map([
        [
          Patterns.ConnectorCardTokenize,
          async (): Promise<Reply> => ({ ok: true, data: { connector: 'stripe', token: 'pm_gateway_token', card } satisfies TokenizeCardResult }),
        ],
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
            const payload = request.data as RequestOf<typeof Patterns.ConnectorSyncAuthorization>;
            syncs.push(payload);
            // A little latency, so that racing deliveries overlap at the gateway.
            await new Promise((resolve) => setTimeout(resolve, 30));
            const answer: SyncAuthorizationResult = {
              outcome: 'succeeded',
              connector: 'stripe',
              gatewayReference: `gtx_${payload.params.paymentIntentId}`,
              card,
              networkStatus: 'approved_by_network',
              riskLevel: 'normal',
              sellerMessage: 'Payment complete.',
              gateway: { gateway_account: null, gateway: 'stripe', reference: null, attempts: [] },
            };
            return { ok: true, data: answer };
          },
        ],
      ]),
    );
    await broker.consumeEvents('payments-callbacks-observer', new Map([[Topics.PaymentsEvents, async (event) => void paymentsEvents.push(event.data as PaymentsEvent)]]));
    const env = { ...process.env, PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS: '3600000' };
    app = await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok } = busRequests(() => broker);

  /** The state a confirmation leaves while its gateway call is out: claimed for attempt 1, `ageMs` ago. */
  async function processingIntent(ageMs: number): Promise<string> {
    const intent = await ok(Patterns.PaymentIntentCreate, { caller: merchant, params: { amount: 3100, currency: 'usd', payment_method: 'pm_card_visa' } });
    await dataSource.query(
      `UPDATE payments.payment_intents SET status = 'processing', attempts = 1, in_flight = '{"step": "authorization", "attempt": 1}',
         updated_at = now() - ($2 || ' milliseconds')::interval WHERE id = $1`,
      [intent.id, String(ageMs)],
    );
    return intent.id;
  }

  function callback(paymentIntentId: string, owner: Caller = merchant): ConnectorsEvent {
    return {
      id: newId('evt'),
      type: 'gateway.callback.received',
      aggregateId: paymentIntentId,
      merchantId: owner.merchantId,
      livemode: owner.livemode,
      occurredAt: Math.floor(Date.now() / 1000),
      requestId: null,
      idempotencyKey: null,
      data: {
        object: {
          callbackId: `gcb_${randomBytes(6).toString('hex')}`,
          gateway: 'stripe',
          gatewayAccountId: 'ga_callbacks',
          gatewayEventId: `evt_${randomBytes(6).toString('hex')}`,
          paymentIntentId,
          attempt: { step: 'authorization', number: 1 },
          outcome: { kind: 'payment_succeeded' },
        },
      },
    };
  }

  const deliver = (...events: ConnectorsEvent[]) => broker.publish(Topics.ConnectorsEvents, events.map((event) => ({ key: event.aggregateId, data: event, headers: {} })));
  const succeededEvents = (id: string) => paymentsEvents.filter((event) => event.type === 'payment_intent.succeeded' && (event.data.object as { id: string }).id === id);

  it('settles a stale processing intent from the callback alone, asking the gateway about the attempt in flight', async () => {
    const id = await processingIntent(10 * 60_000);
    await deliver(callback(id));
    // Read from the table, not through retrieve (which would settle it by itself).
    const [row] = (await dataSource.query(`SELECT status, in_flight FROM payments.payment_intents WHERE id = $1`, [id])) as Array<{ status: string; in_flight: unknown }>;
    expect(row).toEqual({ status: 'succeeded', in_flight: null });
    // Asked about the attempt in flight (a redelivered event may ask again: sync is idempotent, the charge is made once).
    const asked = syncs.filter((sync) => sync.params.paymentIntentId === id);
    expect(asked.length).toBeGreaterThan(0);
    for (const sync of asked) expect(sync).toEqual({ caller: merchant, params: { paymentIntentId: id, attempt: 1, step: 'authorization' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(succeededEvents(id)).toHaveLength(1);
    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: id } });
    expect(charges.data).toHaveLength(1);
  });

  it('settles the intent once although callbacks, a redelivery and a retrieve race to settle it', async () => {
    const id = await processingIntent(10 * 60_000);
    const first = callback(id);
    await Promise.all([deliver(first, first, callback(id)), ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id } })]);

    const settled = await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id } });
    expect(settled).toMatchObject({ status: 'succeeded', amount_received: 3100 });
    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: id } });
    expect(charges.data).toHaveLength(1);
    expect(charges.data[0]).toMatchObject({ status: 'succeeded', amount_captured: 3100, disputed: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(succeededEvents(id)).toHaveLength(1);
    expect(syncs.filter((sync) => sync.params.paymentIntentId === id).every((sync) => sync.params.attempt === 1 && sync.params.step === 'authorization')).toBe(true);
  });

  it('leaves a confirmation still under way to its live answer', async () => {
    const id = await processingIntent(0);
    await deliver(callback(id));
    expect(syncs.filter((sync) => sync.params.paymentIntentId === id)).toEqual([]);
    expect(await ok(Patterns.PaymentIntentRetrieve, { caller: merchant, params: { id } })).toMatchObject({ status: 'processing' });
  });

  it("ignores a callback that names another merchant's intent", async () => {
    const id = await processingIntent(10 * 60_000);
    await deliver(callback(id, other));
    expect(syncs.filter((sync) => sync.params.paymentIntentId === id)).toEqual([]);
    const [row] = (await dataSource.query(`SELECT status FROM payments.payment_intents WHERE id = $1`, [id])) as Array<{ status: string }>;
    expect(row.status).toBe('processing');
  });
});
