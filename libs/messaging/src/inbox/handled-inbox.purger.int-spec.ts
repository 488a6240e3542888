import { randomBytes } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { DatabaseModule } from '@payrail/persistence';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { InProcessBroker } from '../in-process/in-process.broker.js';
import { MessagingSettingsModule } from '../nest/messaging-settings.module.js';
import { MessagingModule } from '../nest/messaging.module.js';
import { messagingTablesMigration } from '../outbox/messaging-tables.sql.js';
import { HandledInboxPurger } from './handled-inbox.purger.js';
import { Inbox } from './inbox.js';

const schema = `inbox_spec_${randomBytes(4).toString('hex')}`;
const CONSUMER = 'inbox-spec-consumer';

const CreateMessagingTables = messagingTablesMigration(schema);

describe('handled inbox rows after their retention', () => {
  let database: TestDatabase;
  let app: TestingModule;

  beforeAll(async () => {
    database = await openTestDatabase();
    app = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot({ url: database.url, schema, entities: [], migrations: [CreateMessagingTables] }),
        MessagingModule.forService({ service: 'inbox-spec', broker: new InProcessBroker(), outboxRelay: false }),
        MessagingSettingsModule.forRoot({ inboxRetentionDays: 10 }),
      ],
    }).compile();
    await app.init();
    // The pass the application starts at boot, over an empty inbox.
    await app.get(HandledInboxPurger).idle();
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await database.stop();
  });

  it('deletes a row handled past the retention, keeps a recent one, and a redelivery of the recent event still changes nothing', async () => {
    const db = app.get(DataSource);
    await db.query(
      `INSERT INTO "${schema}"."inbox" ("consumer", "message_id", "handled_at") VALUES
         ($1, 'evt_handled_11_days_ago', now() - interval '11 days'),
         ($1, 'evt_handled_9_days_ago', now() - interval '9 days')`,
      [CONSUMER],
    );
    const inbox = app.get(Inbox);
    let handled = 0;
    expect(await inbox.handleOnce(CONSUMER, 'evt_handled_now', async () => { handled += 1; })).toBe(true);

    expect(await app.get(HandledInboxPurger).purge()).toBe(1);

    const left = (await db.query(`SELECT "message_id" FROM "${schema}"."inbox" ORDER BY "handled_at"`)) as Array<{ message_id: string }>;
    expect(left.map((row) => row.message_id)).toEqual(['evt_handled_9_days_ago', 'evt_handled_now']);
    expect(await inbox.handleOnce(CONSUMER, 'evt_handled_9_days_ago', async () => { handled += 1; })).toBe(false);
    expect(await inbox.handleOnce(CONSUMER, 'evt_handled_now', async () => { handled += 1; })).toBe(false);
    expect(handled).toBe(1);
  }, 60_000);

  it('deletes more expired rows than one batch holds in one pass', async () => {
    const db = app.get(DataSource);
    await db.query(
      `INSERT INTO "${schema}"."inbox" ("consumer", "message_id", "handled_at")
       SELECT $1, 'evt_expired_' || n, now() - interval '20 days' FROM generate_series(1, 2500) AS n`,
      [CONSUMER],
    );
    expect(await app.get(HandledInboxPurger).purge()).toBe(2500);
    const [{ count }] = (await db.query(`SELECT count(*)::int AS "count" FROM "${schema}"."inbox" WHERE "message_id" LIKE 'evt_expired_%'`)) as Array<{ count: number }>;
    expect(count).toBe(0);
  }, 60_000);

  it('finds expired rows through the handled_at index, not by reading the whole inbox', async () => {
    const db = app.get(DataSource);
    // A month of events in the order they were handled, none past the retention: the pass most hours make.
    await db.query(
      `INSERT INTO "${schema}"."inbox" ("consumer", "message_id", "handled_at")
       SELECT $1, 'evt_recent_' || n, now() - interval '9 days' + interval '1 second' * n FROM generate_series(1, 50000) AS n`,
      [CONSUMER],
    );
    await db.query(`ANALYZE "${schema}"."inbox"`);
    const plan = (await db.query(
      `EXPLAIN SELECT "consumer", "message_id" FROM "${schema}"."inbox" WHERE "handled_at" < now() - make_interval(days => 10) LIMIT 1000`,
    )) as Array<{ 'QUERY PLAN': string }>;
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('inbox_handled_at_brin');
    expect(await app.get(HandledInboxPurger).purge()).toBe(0);
  }, 60_000);
});
