import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Test, type TestingModule } from '@nestjs/testing';
import { Topics, type PaymentsEvent } from '@payrail/contracts';
import { DatabaseModule } from '@payrail/persistence';
import { openTestDatabase, seriesValue, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { createBroker } from '../broker/create-broker.js';
import type { InboundEvent, MessageBroker } from '../broker/message-broker.js';
import { Inbox } from '../inbox/inbox.js';
import { PayrailMetrics } from '../metrics/payrail-metrics.js';
import { MessagingModule } from '../nest/messaging.module.js';
import { messagingTablesMigration } from './messaging-tables.sql.js';
import { OutboxRelay } from './outbox.relay.js';
import { PublishedOutboxPurger } from './published-outbox.purger.js';
import { TransactionalOutbox } from './transactional-outbox.js';

const suffix = randomBytes(4).toString('hex');
const schema = `outbox_spec_${suffix}`;

const CreateMessagingTables = messagingTablesMigration(schema);

function event(n: number): PaymentsEvent {
  return {
    id: `evt_spec_${suffix}_${n}`,
    type: 'payment_intent.created',
    aggregateId: `pi_spec_${n % 2}`,
    merchantId: 'mch_spec',
    livemode: false,
    occurredAt: 1_764_000_000,
    requestId: null,
    idempotencyKey: null,
    data: { object: { id: `pi_spec_${n % 2}`, amount: n } as never },
  };
}

describe('transactional outbox and inbox on a real database and transport', () => {
  let embedded: TestDatabase | undefined;
  let url: string;
  let broker: MessageBroker;
  const received: InboundEvent[] = [];

  /** `outboxRelay: false` strands every event in the outbox, as a process that dies before publishing. */
  async function boot({ outboxRelay = true, metrics = new PayrailMetrics() } = {}): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot({ url, schema, entities: [], migrations: [CreateMessagingTables] }),
        MessagingModule.forService({ service: 'outbox-spec', broker, outboxRelay, metrics }),
      ],
    }).compile();
    return moduleRef.init();
  }

  async function waitForReceived(count: number): Promise<void> {
    for (let waited = 0; received.length < count && waited < 20_000; waited += 25) await sleep(25);
  }

  beforeAll(async () => {
    embedded = await openTestDatabase();
    url = embedded.url;
    broker = createBroker('outbox-spec', process.env.KAFKA_BROKERS, `spec-${suffix}.`);
    await broker.connect();
    await broker.consumeEvents('outbox-spec-consumer', new Map([[Topics.PaymentsEvents, async (inbound) => { received.push(inbound); }]]));
  }, 60_000);

  afterAll(async () => {
    await broker.close();
    await embedded?.stop();
  });

  beforeEach(() => {
    received.length = 0;
  });

  it('publishes what a committed transaction recorded, keyed by aggregate, and nothing from a rolled-back one', async () => {
    const app = await boot();
    const outbox = app.get(TransactionalOutbox);
    await outbox.run(async ({ publish }) => {
      await publish(Topics.PaymentsEvents, event(1));
      await publish(Topics.PaymentsEvents, event(2));
    });
    await expect(outbox.run(async ({ publish }) => {
      await publish(Topics.PaymentsEvents, event(3));
      throw new Error('state change failed');
    })).rejects.toThrow('state change failed');
    await waitForReceived(2);
    await sleep(300);
    await app.close();
    // Two aggregates, two keys: Kafka orders per key (partition), not across keys.
    const byId = new Map(received.map((inbound) => [(inbound.data as PaymentsEvent).id, inbound.key]));
    expect(byId).toEqual(new Map([[event(1).id, 'pi_spec_1'], [event(2).id, 'pi_spec_0']]));
    expect(received).toHaveLength(2);
  }, 60_000);

  it('sends events stranded by a process that died before publishing, once, when it starts again', async () => {
    const crashed = await boot({ outboxRelay: false });
    await crashed.get(TransactionalOutbox).run(({ publish }) => publish(Topics.PaymentsEvents, event(10)));
    await sleep(500);
    expect(received).toHaveLength(0);
    await crashed.close();

    const restarted = await boot();
    await waitForReceived(1);
    await restarted.get(OutboxRelay).drain();
    await sleep(500);
    const [row] = await restarted.get(DataSource).query(`SELECT "published_at", "attempts" FROM "${schema}"."outbox" WHERE "payload"->>'id' = $1`, [event(10).id]);
    await restarted.close();
    expect(received.map((inbound) => (inbound.data as PaymentsEvent).id)).toEqual([event(10).id]);
    expect(row.published_at).not.toBeNull();
    expect(row.attempts).toBe(1);
  }, 60_000);

  it('shows stranded events as backlog and age, then their relay lag once published', async () => {
    const metrics = new PayrailMetrics();
    const series = (name: string) => seriesValue(metrics, name, { service: 'outbox-spec' });
    const crashed = await boot({ outboxRelay: false, metrics });
    await crashed.get(TransactionalOutbox).run(async ({ publish }) => {
      await publish(Topics.PaymentsEvents, event(20));
      await publish(Topics.PaymentsEvents, event(21));
    });
    await sleep(300);
    expect(await series('payrail_outbox_backlog')).toBe(2);
    expect(await series('payrail_outbox_oldest_unpublished_seconds')).toBeGreaterThanOrEqual(0.25);
    await crashed.close();
    // A closed service stops being read: its module's pool is gone.
    expect(await series('payrail_outbox_backlog')).toBeUndefined();

    const restarted = await boot({ metrics });
    await waitForReceived(2);
    // Marked published just after the transport took them.
    for (let waited = 0; (await series('payrail_outbox_backlog')) !== 0 && waited < 5_000; waited += 50) await sleep(50);
    expect(await series('payrail_outbox_backlog')).toBe(0);
    expect(await series('payrail_outbox_oldest_unpublished_seconds')).toBe(0);
    expect(await series('payrail_outbox_relay_lag_seconds_count')).toBe(2);
    expect(await series('payrail_outbox_relay_lag_seconds_sum')).toBeGreaterThanOrEqual(0.5);
    await restarted.close();
  }, 60_000);

  it('runs a consumer\'s work once per event id, even when the same event arrives concurrently', async () => {
    const app = await boot({ outboxRelay: false });
    const inbox = app.get(Inbox);
    let runs = 0;
    const work = async () => { runs++; };
    const results = await Promise.all([
      inbox.handleOnce('spec-consumer', 'evt_dup', work),
      inbox.handleOnce('spec-consumer', 'evt_dup', work),
      inbox.handleOnce('spec-consumer', 'evt_dup', work),
    ]);
    const again = await inbox.handleOnce('spec-consumer', 'evt_dup', work);
    const otherConsumer = await inbox.handleOnce('another-consumer', 'evt_dup', work);
    await app.close();
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(again).toBe(false);
    expect(otherConsumer).toBe(true);
    expect(runs).toBe(2);
  }, 60_000);

  it('purges published events after their retention, never an unpublished one however old', async () => {
    const app = await boot({ outboxRelay: false });
    const db = app.get(DataSource);
    const ids = (await db.query(
      `INSERT INTO "${schema}"."outbox" ("topic", "message_key", "payload", "created_at", "published_at") VALUES
         ('purge.spec', 'old-published', '{}', now() - interval '9 days', now() - interval '8 days'),
         ('purge.spec', 'recent-published', '{}', now() - interval '2 days', now() - interval '1 day'),
         ('purge.spec', 'old-unpublished', '{}', now() - interval '30 days', NULL)
       RETURNING "id"`,
    )) as Array<{ id: string }>;
    expect(await app.get(PublishedOutboxPurger).purge()).toBeGreaterThanOrEqual(1);
    const left = (await db.query(`SELECT "message_key" FROM "${schema}"."outbox" WHERE "id" = ANY($1::bigint[]) ORDER BY "id"`, [ids.map((row) => row.id)])) as Array<{ message_key: string }>;
    expect(left.map((row) => row.message_key)).toEqual(['recent-published', 'old-unpublished']);
    await db.query(`DELETE FROM "${schema}"."outbox" WHERE "id" = ANY($1::bigint[])`, [ids.map((row) => row.id)]);
    await app.close();
  });

  it('writes the rows a unit inserts at its end with its events, in one statement: a foreign key between them holds, and a failure writes none of it', async () => {
    const app = await boot({ outboxRelay: false });
    const outbox = app.get(TransactionalOutbox);
    const database = app.get(DataSource);
    await database.query(`CREATE TABLE "${schema}"."orders" ("id" text PRIMARY KEY, "placed_at" timestamptz NOT NULL, "lines" jsonb)`);
    await database.query(`CREATE TABLE "${schema}"."order_lines" ("order_id" text NOT NULL REFERENCES "${schema}"."orders", "n" int NOT NULL, "amount" bigint NOT NULL)`);
    const lines = (orderId: string) => ({
      table: `"${schema}"."order_lines"`,
      columns: [['order_id', 'text'], ['n', 'int'], ['amount', 'bigint']] as const,
      rows: [[orderId, 1, '9007199254740993'], [orderId, 2, '-5']],
    });
    const order = (id: string) => ({ table: `"${schema}"."orders"`, columns: [['id', 'text'], ['placed_at', 'timestamptz'], ['lines', 'jsonb']] as const, rows: [[id, new Date('2026-12-01T10:00:00Z'), null]] });

    // The lines are given before their order: the foreign key is checked at the end of the statement.
    await outbox.run(async (unit) => {
      unit.insertAtEnd(lines('ord_1'));
      unit.insertAtEnd(order('ord_1'));
      await unit.publish(Topics.PaymentsEvents, event(40));
    });
    await expect(
      outbox.run(async (unit) => {
        unit.insertAtEnd(order('ord_2'));
        unit.insertAtEnd(lines('ord_missing'));
        await unit.publish(Topics.PaymentsEvents, event(41));
      }),
    ).rejects.toThrow(/foreign key/);
    let late: ((insert: ReturnType<typeof order>) => void) | undefined;
    await outbox.run(async (unit) => {
      late = unit.insertAtEnd;
    });
    expect(() => late!(order('ord_3'))).toThrow(/after their unit of work had ended/);

    expect(await database.query(`SELECT "id", "placed_at", "lines" FROM "${schema}"."orders"`)).toEqual([{ id: 'ord_1', placed_at: new Date('2026-12-01T10:00:00Z'), lines: null }]);
    expect(await database.query(`SELECT "n", "amount" FROM "${schema}"."order_lines" ORDER BY "n"`)).toEqual([{ n: 1, amount: '9007199254740993' }, { n: 2, amount: '-5' }]);
    const events = (await database.query(`SELECT "payload"->>'id' AS "id" FROM "${schema}"."outbox" WHERE "payload"->>'id' IN ($1, $2)`, [event(40).id, event(41).id])) as Array<{ id: string }>;
    expect(events.map((row) => row.id)).toEqual([event(40).id]);
    await app.close();
  }, 60_000);

  it('records nothing in the inbox when the work fails, so the redelivery is handled', async () => {
    const app = await boot({ outboxRelay: false });
    const inbox = app.get(Inbox);
    await expect(inbox.handleOnce('spec-consumer', 'evt_fails_once', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await inbox.handleOnce('spec-consumer', 'evt_fails_once', async () => undefined)).toBe(true);
    await app.close();
  }, 60_000);
});
