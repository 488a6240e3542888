import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type AuthorizePaymentResult, type Caller, type CheckRoutingResult, type RequestOf, type TokenizeCardResult } from '@payrail/contracts';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { PaymentsModule } from '../payments.module.js';
import { PaymentIntentsRepository } from './payment-intents.repository.js';

const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_retry_${run}`, livemode: false };
const card = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040, funding: 'credit', country: 'US', fingerprint: 'fpCONFIRMRETRY0123' };

interface ConfirmationRow {
  status: string;
  confirmation_key: string | null;
  attempts: number;
}

/**
 * A create-and-confirm under an idempotency key whose payments process died with the intent `processing`
 * (issue #9, found by the fault suite's kill -9 of payments). Its retry finds the attempt stale, learns
 * that the gateway never took it, and makes it again. A further retry under the same key (the client's,
 * or Kafka redelivering the first request) that arrives while that attempt is out must recognise its
 * own key's attempt: 409 `idempotency_key_in_use`, which the edge does not store, then the outcome.
 * A 400 "status of processing" would be stored against the key and replayed although the payment succeeds.
 */
describe('payments: a confirmation retried under its key while its own attempt is processing', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  /** Authorisations the fake gateway holds until the test lets them answer. */
  const held: Array<() => void> = [];
  let authorizations = 0;
  /** How many of the next authorisations the gateway refuses unanswered, as it does an attempt that arrives after it was given up. */
  let refuseNext = 0;

  const succeeded = (paymentIntentId: string): AuthorizePaymentResult => ({
    outcome: 'succeeded',
    connector: 'sandbox',
    gatewayReference: `gtx_${paymentIntentId}`,
    card,
    networkStatus: 'approved_by_network',
    riskLevel: 'normal',
    sellerMessage: 'Payment complete.',
    gateway: { gateway_account: null, gateway: 'sandbox', reference: null, attempts: [] },
  });

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    await broker.serveRequests(
      'connectors-fake',
      new Map([
        [Patterns.ConnectorCardTokenize, async (): Promise<Reply> => ({ ok: true, data: { connector: 'sandbox', token: 'pm_gateway_token', card } satisfies TokenizeCardResult })],
        [
          Patterns.RoutingCheck,
          async (request: { data: unknown }): Promise<Reply> => {
            const { params } = request.data as RequestOf<typeof Patterns.RoutingCheck>;
            return { ok: true, data: { routable: params.paymentMethodTypes, unroutable: [] } satisfies CheckRoutingResult };
          },
        ],
        // The attempt cut short by the crash never reached the gateway.
        [Patterns.ConnectorSyncAuthorization, async (): Promise<Reply> => ({ ok: true, data: { outcome: 'not_found' } })],
        [
          Patterns.ConnectorAuthorize,
          async (request: { data: unknown }): Promise<Reply> => {
            const { params } = request.data as RequestOf<typeof Patterns.ConnectorAuthorize>;
            authorizations++;
            if (refuseNext > 0) {
              refuseNext--;
              return { ok: false, error: { code: 'gateway_unavailable', message: 'This payment attempt reached the gateway after it had been given up.' } };
            }
            await new Promise<void>((resolve) => held.push(resolve));
            return { ok: true, data: succeeded(params.paymentIntentId) };
          },
        ],
      ]),
    );
    // No sweeper pass during the test: only the retries settle the stale attempt.
    const env = { ...process.env, PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS: '3600000', PAYRAIL_PROCESSING_STALE_AFTER_MS: '60000' };
    app = await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl: postgres.url, env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    for (const release of held.splice(0)) release();
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { ok, send, refused } = busRequests(() => broker);

  const createAndConfirm = (idempotencyKey: string) =>
    ({ caller: merchant, idempotencyKey, params: { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa', confirm: true } }) as const;

  /** What the first request left when its process was killed: created under the key, claimed for attempt 1, long ago. */
  async function crashedFirstAttempt(idempotencyKey: string): Promise<string> {
    const intent = await ok(Patterns.PaymentIntentCreate, { caller: merchant, idempotencyKey, params: { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa' } });
    await dataSource.query(
      `UPDATE payments.payment_intents SET status = 'processing', attempts = 1, confirmation_key = $2,
              in_flight = '{"step": "authorization", "attempt": 1}', updated_at = now() - interval '10 minutes'
        WHERE id = $1`,
      [intent.id, idempotencyKey],
    );
    return intent.id;
  }

  async function rowOf(id: string): Promise<ConfirmationRow> {
    const [row] = (await dataSource.query(`SELECT status, confirmation_key, attempts FROM payments.payment_intents WHERE id = $1`, [id])) as ConfirmationRow[];
    return row;
  }

  /** A one-way signal the test opens to let a held step of the service go on. */
  function gate(): { open: () => void; opened: Promise<void> } {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  async function untilHeld(count: number): Promise<void> {
    for (let waited = 0; held.length < count; waited += 10) {
      if (waited > 4000) throw new Error(`only ${held.length} authorisation(s) reached the gateway`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('answers 409 while the retry remakes the attempt, then the payment it made; never a 400', async () => {
    const key = `key_${randomBytes(6).toString('hex')}`;
    const id = await crashedFirstAttempt(key);
    const before = authorizations;

    const retry = send(Patterns.PaymentIntentCreate, createAndConfirm(key));
    await untilHeld(1);
    const again = await refused(Patterns.PaymentIntentCreate, createAndConfirm(key));
    expect(again.code).toBe('idempotency_key_in_use');
    const redeliveredConfirm = await refused(Patterns.PaymentIntentConfirm, { caller: merchant, idempotencyKey: key, params: { id } });
    expect(redeliveredConfirm.code).toBe('idempotency_key_in_use');
    // The remade attempt is out at the gateway, under the first request's key.
    expect(await rowOf(id)).toEqual({ status: 'processing', confirmation_key: key, attempts: 2 });

    held.shift()!();
    const answered = await retry;
    expect(answered).toMatchObject({ ok: true, data: { id, status: 'succeeded', amount_received: 4200 } });

    const later = await ok(Patterns.PaymentIntentCreate, createAndConfirm(key));
    expect(later).toMatchObject({ id, status: 'succeeded' });
    expect(authorizations - before).toBe(1);
    const charges = await ok(Patterns.ChargeList, { caller: merchant, params: { payment_intent: id } });
    expect(charges.data).toHaveLength(1);
  });

  it('gives two concurrent retries of the crashed request one payment and no refusal of the state', async () => {
    const key = `key_${randomBytes(6).toString('hex')}`;
    const id = await crashedFirstAttempt(key);
    const before = authorizations;

    const answers = Promise.all([send(Patterns.PaymentIntentCreate, createAndConfirm(key)), send(Patterns.PaymentIntentCreate, createAndConfirm(key))]);
    await untilHeld(1);
    // Give the other retry time to reach the claim the first one won.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const release of held.splice(0)) release();

    for (const reply of await answers) {
      if (reply.ok) expect(reply.data).toMatchObject({ id });
      else expect(reply.error.code).toBe('idempotency_key_in_use');
    }
    expect(authorizations - before).toBe(1);
    expect(await ok(Patterns.PaymentIntentCreate, createAndConfirm(key))).toMatchObject({ id, status: 'succeeded' });
  });

  it('tells a retry refused by its own key\'s attempt, which then ended unanswered, to try again, not a 400', async () => {
    const key = `key_${randomBytes(6).toString('hex')}`;
    const intent = await ok(Patterns.PaymentIntentCreate, { caller: merchant, idempotencyKey: key, params: { amount: 4200, currency: 'usd', payment_method: 'pm_card_visa' } });
    const before = authorizations;
    const repository = app.get(PaymentIntentsRepository);
    const findOwned = repository.findOwned;
    const firstLookDone = gate();
    const otherAttemptClaimed = gate();
    const secondLookDue = gate();
    const otherAttemptEnded = gate();
    let looks = 0;
    // The retry's first look finds the intent waiting; another delivery of the same request claims it before
    // the retry's claim, and its attempt ends without reaching the gateway before the retry looks again.
    repository.findOwned = async (...args: Parameters<typeof findOwned>) => {
      looks++;
      if (looks === 1) {
        const found = await findOwned.apply(repository, args);
        firstLookDone.open();
        await otherAttemptClaimed.opened;
        return found;
      }
      if (looks === 2) {
        secondLookDue.open();
        await otherAttemptEnded.opened;
      }
      return findOwned.apply(repository, args);
    };
    try {
      const retry = send(Patterns.PaymentIntentConfirm, { caller: merchant, idempotencyKey: key, params: { id: intent.id } });
      await firstLookDone.opened;
      await dataSource.query(
        `UPDATE payments.payment_intents SET status = 'processing', attempts = 1, confirmation_key = $2, in_flight = '{"step": "authorization", "attempt": 1}' WHERE id = $1`,
        [intent.id, key],
      );
      otherAttemptClaimed.open();
      await secondLookDue.opened;
      await dataSource.query(`UPDATE payments.payment_intents SET status = 'requires_confirmation', in_flight = NULL WHERE id = $1`, [intent.id]);
      otherAttemptEnded.open();
      const reply = await retry;
      expect(reply).toMatchObject({ ok: false, error: { code: 'idempotency_key_in_use' } });
    } finally {
      repository.findOwned = findOwned;
    }

    const again = send(Patterns.PaymentIntentConfirm, { caller: merchant, idempotencyKey: key, params: { id: intent.id } });
    await untilHeld(1);
    held.shift()!();
    expect(await again).toMatchObject({ ok: true, data: { id: intent.id, status: 'succeeded', amount_received: 4200 } });
    expect(authorizations - before).toBe(1);
  });

  it('answers the outcome recorded meanwhile when its own attempt was settled before its answer came, not a 400', async () => {
    const key = `key_${randomBytes(6).toString('hex')}`;
    const before = authorizations;
    const confirmed = send(Patterns.PaymentIntentCreate, createAndConfirm(key));
    await untilHeld(1);
    const [{ id }] = (await dataSource.query(`SELECT id FROM payments.payment_intents WHERE idempotency_key = $1`, [key])) as Array<{ id: string }>;
    // The attempt ran past the stale threshold, and the sweeper (or a retry) asked the gateway and recorded its outcome.
    await dataSource.query(`UPDATE payments.payment_intents SET status = 'succeeded', in_flight = NULL, amount_received = 4200 WHERE id = $1`, [id]);
    held.shift()!();
    expect(await confirmed).toMatchObject({ ok: true, data: { id, status: 'succeeded', amount_received: 4200 } });
    expect(authorizations - before).toBe(1);
  });

  it('gives an attempt the gateway refused unanswered back to the key: a 503 the edge does not store, then the retry pays', async () => {
    const key = `key_${randomBytes(6).toString('hex')}`;
    const before = authorizations;
    refuseNext = 1;
    const first = await refused(Patterns.PaymentIntentCreate, createAndConfirm(key));
    expect(first.code).toBe('gateway_unavailable');
    const [{ id }] = (await dataSource.query(`SELECT id FROM payments.payment_intents WHERE idempotency_key = $1`, [key])) as Array<{ id: string }>;
    // Nothing was charged: the intent waits to be confirmed again, not failed with a card error.
    expect((await rowOf(id)).status).toBe('requires_confirmation');

    const retry = send(Patterns.PaymentIntentCreate, createAndConfirm(key));
    await untilHeld(1);
    held.shift()!();
    expect(await retry).toMatchObject({ ok: true, data: { id, status: 'succeeded', amount_received: 4200 } });
    expect(await rowOf(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(authorizations - before).toBe(2);
  });
});
