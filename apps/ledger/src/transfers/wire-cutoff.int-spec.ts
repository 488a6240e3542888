import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { LEDGER_CLOCK, type Clock } from '../config/ledger.config.js';
import { LedgerModule } from '../ledger.module.js';
import { SandboxAccountsSeeder } from '../sandbox-accounts/sandbox-accounts.seeder.js';

const run = randomBytes(4).toString('hex');
const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * Wires through the ledger's own bus with the ledger's clock set by the spec: the cut-off is judged at the
 * transfer's creation, so a spec picks the weekday and hour. The sandbox's 1 s window applies after the shift.
 * The domestic fee comes from the environment (10 instead of 25).
 */
describe('ledger: wire cut-offs and fees', () => {
  let database: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let now = new Date();
  const { ok } = busRequests(() => broker);
  const merchant: Caller = { merchantId: `mch_wire_${run}`, livemode: false };

  beforeAll(async () => {
    database = await openTestDatabase();
    broker = new InProcessBroker();
    const env = { ...process.env, PAYRAIL_WIRE_SETTLEMENT_MS: '1000', PAYRAIL_WIRE_DOMESTIC_FEE: '10', PAYRAIL_SETTLEMENT_INTERVAL_MS: '3600000' };
    const ledger = LedgerModule.forRoot({ broker, databaseUrl: database.url, env });
    const clock: Clock = () => now;
    // Nest takes the last provider of a token: the spec's clock replaces the module's.
    const module = { ...ledger, providers: [...(ledger.providers ?? []), { provide: LEDGER_CLOCK, useValue: clock }] };
    app = await startService({ service: ServiceNames.Ledger, module, broker });
    await app.get(DataSource).transaction((manager) => app.get(SandboxAccountsSeeder).seed(manager, merchant.merchantId));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await database?.stop();
  });

  const wire = (payment_type: 'WIRE_DOMESTIC' | 'WIRE_INTERNATIONAL') =>
    ok(Patterns.TransferCreate, { caller: merchant, params: { from_account: 'test_acc_001', to_account: 'test_acc_002', payment_type, amount: 1_000 } });

  it('settles a wire made before its cut-off after the window, and one made after it from the next business day', async () => {
    // Wednesday 15:30 in New York: before the domestic cut-off (17:00), after the international one (15:00).
    now = new Date('2026-12-09T20:30:00Z');
    const domestic = await wire('WIRE_DOMESTIC');
    expect(domestic).toMatchObject({ status: 'PENDING', created: seconds('2026-12-09T20:30:00Z'), settles_at: seconds('2026-12-09T20:30:01Z'), fee: 1_000 });
    const international = await wire('WIRE_INTERNATIONAL');
    expect(international).toMatchObject({ status: 'PENDING', settles_at: seconds('2026-12-10T05:00:01Z'), fee: 4_500 });
    expect(await ok(Patterns.TransferRetrieve, { caller: merchant, params: { id: international.id } })).toMatchObject({ settles_at: seconds('2026-12-10T05:00:01Z') });
  });

  it('moves a Friday-evening and a Sunday wire to Monday', async () => {
    now = new Date('2026-12-11T22:30:00Z');
    expect((await wire('WIRE_DOMESTIC')).settles_at).toBe(seconds('2026-12-14T05:00:01Z'));
    now = new Date('2026-12-13T14:00:00Z');
    expect((await wire('WIRE_DOMESTIC')).settles_at).toBe(seconds('2026-12-14T05:00:01Z'));
  });

  it('skips the Federal Reserve holidays: a wire made after the cut-off on Christmas Eve runs on Monday', async () => {
    // Thursday 24 December 2026, 17:30 in New York; Friday 25 is Christmas, then the weekend.
    now = new Date('2026-12-24T22:30:00Z');
    expect((await wire('WIRE_DOMESTIC')).settles_at).toBe(seconds('2026-12-28T05:00:01Z'));
  });

  it('takes the configured fee from the sender on top of the amount', async () => {
    const before = await ok(Patterns.LedgerAccountRetrieve, { caller: merchant, params: { id: 'test_acc_001' } });
    await wire('WIRE_DOMESTIC');
    const after = await ok(Patterns.LedgerAccountRetrieve, { caller: merchant, params: { id: 'test_acc_001' } });
    expect(before.available_balance - after.available_balance).toBe(1_000 + 1_000);
  });
});
