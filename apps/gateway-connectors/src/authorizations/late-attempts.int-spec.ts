import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type AuthorizePaymentParams, type Caller } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { GatewayConnectorsModule } from '../gateway-connectors.module.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_late_${run}`, livemode: false };
const env = { ...process.env, PAYRAIL_CARD_FINGERPRINT_KEY: 'late-attempts-integration-key-0123456789', PAYRAIL_SECRETS_KEY: 'integration-secrets-key-0123456789abcdef' };

/**
 * An authorisation that reaches the gateway after payments, its answer lost, asked about it (a broker or
 * database restart delays the request past the processing sweeper). The sync's `not_found` is final: the
 * late attempt is refused, and what Payrail records of it must keep saying so. Found by the fault suite:
 * the late refusal used to be recorded as the attempt's decline (402 `processing_error`), which a later
 * sync then reported, failing a payment whose card was never sent to the network.
 */
describe('gateway-connectors: an attempt that arrives after it was given up (embedded Postgres, in-process transport)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    app = await startService({ service: ServiceNames.GatewayConnectors, module: GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok, refused } = busRequests(() => broker);

  const authorization = (paymentIntentId: string, attempt: number): AuthorizePaymentParams => ({
    paymentIntentId,
    attempt,
    amount: 2500,
    currency: 'usd',
    paymentMethod: 'pm_card_visa',
    captureMethod: 'automatic',
  });

  it('refuses the late attempt without recording an outcome for it; the sync still finds nothing; the next attempt pays', async () => {
    const paymentIntentId = `pi_late${run}`;
    const sync = { caller: merchant, params: { paymentIntentId, attempt: 1, step: 'authorization' as const } };
    expect(await ok(Patterns.ConnectorSyncAuthorization, sync)).toEqual({ outcome: 'not_found' });

    const late = await refused(Patterns.ConnectorAuthorize, { caller: merchant, params: authorization(paymentIntentId, 1) });
    expect(late.code).toBe('gateway_unavailable');
    expect(await ok(Patterns.ConnectorSyncAuthorization, sync)).toEqual({ outcome: 'not_found' });
    expect(await dataSource.query(`SELECT 1 FROM "connectors"."gateway_transactions" WHERE "source_id" = $1`, [paymentIntentId])).toEqual([]);

    // The confirmation made again (payments' retry under the merchant's key) is a new attempt with a key of its own.
    const next = await ok(Patterns.ConnectorAuthorize, { caller: merchant, params: authorization(paymentIntentId, 2) });
    expect(next).toMatchObject({ outcome: 'succeeded', networkStatus: 'approved_by_network' });
  });
});
