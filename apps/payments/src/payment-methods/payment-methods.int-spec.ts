import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import {
  Patterns,
  ServiceNames,
  type Caller,
  type CustomerResource,
  type PaymentMethodResource,
  type RequestOf,
  type TokenizeCardResult,
} from '@payrail/contracts';
import { PayrailError, serializeError } from '@payrail/errors';
import { InProcessBroker, startService, type Reply } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { PaymentsModule } from '../payments.module.js';
import { PaymentMethodResolver } from './payment-method-resolver.js';

// Unique per run, so that the spec also passes against a long-lived DATABASE_URL.
const run = randomBytes(4).toString('hex');
const merchant: Caller = { merchantId: `acct_pm_a_${run}`, livemode: false };
const otherMerchant: Caller = { merchantId: `acct_pm_b_${run}`, livemode: false };
const liveMerchant: Caller = { merchantId: `acct_pm_a_${run}`, livemode: true };
const VISA = '4242424242424242';
const card = { number: VISA, exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '123' };

describe('payment methods and customers (embedded Postgres, in-process transport, a fake connector)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice;
  let dataSource: DataSource;
  const tokenizeRequests: Array<RequestOf<typeof Patterns.ConnectorCardTokenize>> = [];
  /** What the fake connector answers next, for a connector that misbehaves. */
  let nextToken: string | undefined;

  beforeAll(async () => {
    postgres = await openTestDatabase();
    const databaseUrl = postgres.url;
    broker = new InProcessBroker();
    // gateway-connectors is tested on its own; here it only tokenises, the way the sandbox does.
    await broker.serveRequests(
      'connectors-fake',
      new Map([
        [
          Patterns.ConnectorCardTokenize,
          async (request): Promise<Reply> => {
            const payload = request.data as RequestOf<typeof Patterns.ConnectorCardTokenize>;
            tokenizeRequests.push(payload);
            const { source } = payload.params;
            if (source.type === 'test_token' && source.token !== 'pm_card_visa') {
              return { ok: false, error: serializeError(PayrailError.notFound('PaymentMethod', source.token, 'payment_method')) };
            }
            const result: TokenizeCardResult = {
              connector: 'fake',
              token: nextToken ?? 'tok_fake_visa',
              card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040, funding: 'credit', country: 'US', fingerprint: 'fpFAKE0123456789' },
            };
            nextToken = undefined;
            return { ok: true, data: result };
          },
        ],
      ]),
    );
    app = await startService({ service: ServiceNames.Payments, module: PaymentsModule.forRoot({ broker, databaseUrl, env: process.env }), broker });
    dataSource = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  const { send, ok } = busRequests(() => broker);

  const createCard = (caller: Caller = merchant): Promise<PaymentMethodResource> =>
    ok(Patterns.PaymentMethodCreate, { caller, params: { type: 'card', card } });
  const createCustomer = (caller: Caller = merchant): Promise<CustomerResource> => ok(Patterns.CustomerCreate, { caller, params: {} });

  async function outboxEvents(aggregateId: string): Promise<Array<{ type: string; data: { object: Record<string, unknown>; previous_attributes?: unknown } }>> {
    const rows: Array<{ payload: { type: string; data: { object: Record<string, unknown> } } }> = await dataSource.query(
      `SELECT "payload" FROM "payments"."outbox" WHERE "message_key" = $1 ORDER BY "id"`,
      [aggregateId],
    );
    return rows.map((row) => row.payload);
  }

  it('refuses a raw card in live mode with a 400, before the connector or the database sees it', async () => {
    const before = tokenizeRequests.length;
    const reply = await send(Patterns.PaymentMethodCreate, { caller: liveMerchant, params: { type: 'card', card } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'parameter_invalid' } });
    expect(JSON.stringify(reply)).not.toContain(VISA);
    expect(tokenizeRequests.length).toBe(before);
    const stored = await dataSource.query(`SELECT "id" FROM "payments"."payment_methods" WHERE "merchant_id" = $1 AND "livemode" = true`, [liveMerchant.merchantId]);
    expect(stored).toEqual([]);
  });

  it('hands the number to the connector once and stores only its token and what may be shown', async () => {
    const created = await createCard();
    expect(tokenizeRequests.at(-1)).toEqual({
      caller: merchant,
      params: { source: { type: 'card_number', number: VISA, exp_month: card.exp_month, exp_year: card.exp_year } },
    });
    const [row] = await dataSource.query(`SELECT row_to_json(pm)::text AS "row", "connector_token" FROM "payments"."payment_methods" pm WHERE "id" = $1`, [created.id]);
    expect(row.connector_token).toBe('tok_fake_visa');
    expect(row.row).not.toContain(VISA);
    expect(row.row).not.toContain('"123"');
    expect(created.card).toMatchObject({ brand: 'visa', last4: '4242', fingerprint: 'fpFAKE0123456789', checks: { cvc_check: 'unchecked' } });
  });

  it('stores nothing if a connector ever answered with a card number as its token', async () => {
    const panShaped = '1234567890123456';
    nextToken = `tok_${panShaped}`;
    const reply = await send(Patterns.PaymentMethodCreate, { caller: otherMerchant, params: { type: 'card', card } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(JSON.stringify(reply)).not.toContain(panShaped);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS "count" FROM "payments"."payment_methods" WHERE "connector_token" LIKE '%' || $1 || '%'`, [panShaped]);
    expect(count).toBe(0);
  });

  it('resolves a stored payment method to its connector token for confirmation, and only for its owner', async () => {
    const created = await createCard();
    const resolver = app.get(PaymentMethodResolver);
    expect(await resolver.forConnector(merchant, created.id)).toBe('tok_fake_visa');
    expect(await resolver.forConnector(merchant, 'pm_card_visa')).toBe('pm_card_visa');
    await expect(resolver.forConnector(otherMerchant, created.id)).rejects.toMatchObject({ code: 'resource_missing' });
    await expect(resolver.forConnector({ ...merchant, livemode: true }, created.id)).rejects.toMatchObject({ code: 'resource_missing' });
  });

  it('lets an intent use a stored card only of its own merchant and mode, and only for the customer it is attached to', async () => {
    const resolver = app.get(PaymentMethodResolver);
    const created = await createCard();
    const [owner, stranger] = [await createCustomer(), await createCustomer()];
    await ok(Patterns.PaymentMethodAttach, { caller: merchant, params: { id: created.id, customer: owner.id } });

    await expect(resolver.assertUsable(merchant, { paymentMethod: created.id, customer: owner.id, paymentMethodTypes: ['card'] })).resolves.toBeUndefined();
    for (const customer of [stranger.id, null]) {
      await expect(resolver.assertUsable(merchant, { paymentMethod: created.id, customer, paymentMethodTypes: ['card'] })).rejects.toMatchObject({ code: 'parameter_invalid', param: 'payment_method' });
    }
    for (const caller of [otherMerchant, liveMerchant]) {
      await expect(resolver.assertUsable(caller, { paymentMethod: created.id, customer: owner.id, paymentMethodTypes: ['card'] })).rejects.toMatchObject({ code: 'resource_missing', param: 'payment_method' });
    }
    await expect(resolver.assertUsable(merchant, { paymentMethod: 'pm_card_visa', customer: stranger.id, paymentMethodTypes: ['card'] })).resolves.toBeUndefined();
    await expect(resolver.assertUsable(merchant, { paymentMethod: 'pm_unknown', customer: null, paymentMethodTypes: ['card'] })).rejects.toMatchObject({ code: 'resource_missing' });
  });

  it('lets a payment method pay only an intent that offers its type, without echoing a raw number', async () => {
    const resolver = app.get(PaymentMethodResolver);
    const created = await createCard();
    for (const paymentMethod of [created.id, 'pm_card_visa']) {
      await expect(resolver.assertUsable(merchant, { paymentMethod, customer: null, paymentMethodTypes: ['card', 'upi'] })).resolves.toBeUndefined();
      await expect(resolver.assertUsable(merchant, { paymentMethod, customer: null, paymentMethodTypes: ['upi'] })).rejects.toMatchObject({
        code: 'parameter_invalid',
        param: 'payment_method',
        message: expect.stringContaining('type card, which this PaymentIntent does not allow'),
      });
    }
    const refusal = await resolver.assertUsable(merchant, { paymentMethod: '4242424242424242', customer: null, paymentMethodTypes: ['upi'] }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'parameter_invalid', param: 'payment_method' });
    expect(JSON.stringify(refusal)).not.toContain('4242424242424242');
    expect((refusal as Error).message).not.toContain('4242424242424242');
  });

  it('attaches a payment method to one customer only, however many attach it at once', async () => {
    const paymentMethod = await createCard();
    const customers = await Promise.all([1, 2, 3, 4].map(() => createCustomer()));
    const replies = await Promise.all(customers.map((customer) => send(Patterns.PaymentMethodAttach, { caller: merchant, params: { id: paymentMethod.id, customer: customer.id } })));
    const winners = replies.filter((reply) => reply.ok);
    expect(winners).toHaveLength(1);
    expect(replies.filter((reply) => !reply.ok).every((reply) => !reply.ok && reply.error.code === 'parameter_invalid')).toBe(true);
    const owner = (winners[0] as { data: PaymentMethodResource }).data.customer;
    expect((await ok(Patterns.PaymentMethodRetrieve, { caller: merchant, params: { id: paymentMethod.id } })).customer).toBe(owner);
    expect((await outboxEvents(paymentMethod.id)).map((event) => event.type)).toEqual(['payment_method.attached']);
  });

  it('never leaves a default payment method that is detached, whichever of update and detach wins', async () => {
    for (let round = 0; round < 5; round++) {
      const customer = await createCustomer();
      const paymentMethod = await createCard();
      await ok(Patterns.PaymentMethodAttach, { caller: merchant, params: { id: paymentMethod.id, customer: customer.id } });
      await Promise.all([
        send(Patterns.CustomerUpdate, { caller: merchant, params: { id: customer.id, invoice_settings: { default_payment_method: paymentMethod.id } } }),
        send(Patterns.PaymentMethodDetach, { caller: merchant, params: { id: paymentMethod.id } }),
      ]);
      const after = (await ok(Patterns.CustomerRetrieve, { caller: merchant, params: { id: customer.id } })) as CustomerResource;
      const detached = await ok(Patterns.PaymentMethodRetrieve, { caller: merchant, params: { id: paymentMethod.id } });
      expect(detached.customer).toBeNull();
      expect(after.invoice_settings.default_payment_method).toBeNull();
    }
  });

  it('deletes a customer with its attachments in one step, publishing each detachment', async () => {
    const customer = await createCustomer();
    const cards = [await createCard(), await createCard()];
    for (const paymentMethod of cards) await ok(Patterns.PaymentMethodAttach, { caller: merchant, params: { id: paymentMethod.id, customer: customer.id } });
    await ok(Patterns.CustomerUpdate, { caller: merchant, params: { id: customer.id, invoice_settings: { default_payment_method: cards[0].id } } });

    expect(await ok(Patterns.CustomerDelete, { caller: merchant, params: { id: customer.id } })).toEqual({ id: customer.id, object: 'customer', deleted: true });
    for (const paymentMethod of cards) {
      expect((await ok(Patterns.PaymentMethodRetrieve, { caller: merchant, params: { id: paymentMethod.id } })).customer).toBeNull();
      const events = await outboxEvents(paymentMethod.id);
      expect(events.map((event) => event.type)).toEqual(['payment_method.attached', 'payment_method.detached']);
      expect(events[1].data.previous_attributes).toEqual({ customer: customer.id });
    }
    expect((await outboxEvents(customer.id)).map((event) => event.type)).toEqual(['customer.created', 'customer.updated', 'customer.deleted']);
    const [row] = await dataSource.query(`SELECT "default_payment_method", "deleted_at" FROM "payments"."customers" WHERE "id" = $1`, [customer.id]);
    expect(row.default_payment_method).toBeNull();
    expect(row.deleted_at).not.toBeNull();
  });

  it('scopes customers by mode as well as by merchant', async () => {
    const customer = await createCustomer();
    const reply = await send(Patterns.CustomerRetrieve, { caller: { ...merchant, livemode: true }, params: { id: customer.id } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'resource_missing' } });
    const listed = await ok(Patterns.CustomerList, { caller: otherMerchant, params: { limit: 100 } });
    expect(listed.data.map((item) => item.id)).not.toContain(customer.id);
  });
});
