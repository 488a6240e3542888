import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, Topics, type Caller, type PaymentIntentResource, type PaymentsEvent } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { WebhookDispatchModule } from '../webhook-dispatch.module.js';

const run = randomBytes(4).toString('hex');
const testMode: Caller = { merchantId: `acct_ssrf_${run}`, livemode: false };
// What an operator gets by default: no PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS.
const { PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: _optIn, ...inherited } = process.env;
const env = {
  ...inherited,
  PAYRAIL_SECRETS_KEY: randomBytes(32).toString('hex'),
  PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS: '200',
  PAYRAIL_WEBHOOK_POLL_MS: '50',
  PAYRAIL_WEBHOOK_TIMEOUT_MS: '3000',
};

describe('webhook destinations without the private-network opt-in (test key)', () => {
  let postgres: TestDatabase;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let db: DataSource;
  let sequence = 0;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    app = await startService({
      service: ServiceNames.WebhookDispatch,
      module: WebhookDispatchModule.forRoot({ broker, databaseUrl: postgres.url, env }),
      broker,
    });
    db = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  function create(url: string) {
    return broker.request(Patterns.WebhookEndpointCreate, { caller: testMode, params: { url, enabled_events: ['*'] } }, { timeoutMs: 5000, headers: {} });
  }

  function intentSucceeded(): PaymentsEvent {
    sequence += 1;
    const intent = { id: `pi_ssrf${run}${sequence}`, object: 'payment_intent', amount: 100, currency: 'usd', livemode: false, metadata: {} } as Partial<PaymentIntentResource>;
    return {
      id: `evt_ssrf${run}${sequence}`,
      type: 'payment_intent.succeeded',
      aggregateId: intent.id!,
      merchantId: testMode.merchantId,
      livemode: false,
      occurredAt: Math.floor(Date.now() / 1000),
      requestId: `req_ssrf${run}${sequence}`,
      idempotencyKey: null,
      data: { object: intent as PaymentIntentResource },
    } as PaymentsEvent;
  }

  async function firstAttemptOf(endpointId: string): Promise<{ status_code: number | null; error: string | null; duration_ms: number }> {
    for (const started = Date.now(); Date.now() - started < 10_000; await sleep(25)) {
      const [attempt] = (await db.query(
        `SELECT a."status_code", a."error", a."duration_ms" FROM "webhooks"."webhook_delivery_attempts" a
           JOIN "webhooks"."webhook_deliveries" d ON d."id" = a."delivery_id" WHERE d."endpoint_id" = $1 ORDER BY a."attempt"`,
        [endpointId],
      )) as Array<{ status_code: number | null; error: string | null; duration_ms: number }>;
      if (attempt) return attempt;
    }
    throw new Error(`no attempt for ${endpointId} within 10 s`);
  }

  it('refuses to create a test-mode endpoint on cloud metadata, link-local, private or loopback addresses', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/hooks', 'http://[fd00:ec2::254]/', 'http://[64:ff9b::a00:1]/', 'http://localhost:4242/', 'http://127.0.0.1:4242/']) {
      const reply = await create(url);
      expect([url, reply]).toEqual([url, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'parameter_invalid', param: 'url' }) })]);
    }
  });

  it('sends nothing to an endpoint whose stored URL is such an address (as an older version could store), recording why', async () => {
    for (const [url, reason] of [
      ['http://169.254.169.254/latest/meta-data/', 'a cloud metadata address'],
      ['http://10.0.0.1/hooks', 'a private network address'],
    ]) {
      const created = await create('https://hooks.example.invalid/placeholder');
      expect(created.ok).toBe(true);
      const endpointId = (created as { data: { id: string } }).data.id;
      await db.query(`UPDATE "webhooks"."webhook_endpoints" SET "url" = $1 WHERE "id" = $2`, [url, endpointId]);

      await broker.publish(Topics.PaymentsEvents, [{ key: `pi_${sequence}`, data: intentSucceeded(), headers: {} }]);
      const attempt = await firstAttemptOf(endpointId);
      // Refused before connecting: no status, no wait for 10.0.0.1's connect timeout.
      expect([url, attempt.status_code, attempt.error]).toEqual([url, null, `Refused: the endpoint resolves to ${reason}, which this webhook may not be sent to`]);
      expect(attempt.duration_ms).toBeLessThan(1_000);
      await broker.request(Patterns.WebhookEndpointDelete, { caller: testMode, params: { id: endpointId } }, { timeoutMs: 5000, headers: {} });
    }
  });
});
