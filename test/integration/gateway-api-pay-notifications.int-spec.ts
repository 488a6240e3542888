import 'reflect-metadata';
import { createHmac, randomBytes } from 'node:crypto';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, Topics, type Caller, type MerchantCredentials } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import {
  InProcessBroker,
  MessageClient,
  RequestTimeoutError,
  startService,
  type ConsumeOptions,
  type EventHandler,
  type MessageBroker,
  type OutboundEvent,
  type Reply,
  type RequestHandler,
  type RequestOptions,
  type ServiceRuntime,
} from '@payrail/messaging';
import { busRequests, openTestDatabase, WebhookReceiver, type ReceivedWebhook, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { CreatePaymentDto } from '../../apps/api-gateway/src/surfaces/gateway-api/dto/create-payment.dto.js';
import { GatewayApiPaymentCreation } from '../../apps/api-gateway/src/surfaces/gateway-api/payment-creation.js';
import { AuthModule } from '../../apps/auth/src/auth.module.js';
import { bootstrapMerchant } from '../../apps/auth/src/merchant-bootstrap/index.js';
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';
import { PaymentsModule } from '../../apps/payments/src/payments.module.js';
import { WebhookDispatchModule } from '../../apps/webhook-dispatch/src/webhook-dispatch.module.js';

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PAYRAIL_API_KEY_PEPPER: randomBytes(32).toString('hex'),
  PAYRAIL_SECRETS_KEY: randomBytes(32).toString('hex'),
  PAYRAIL_CARD_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
  PAYRAIL_TRANSACTION_WEBHOOK_RETRY_SCHEDULE_MS: '200,400,800',
  PAYRAIL_WEBHOOK_POLL_MS: '50',
  PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'on',
  PAYRAIL_GATEWAY_PROBE_INTERVAL_MS: '0',
};

/**
 * The transport as an outage leaves it, in front of the real broker: requests of a pattern refused before
 * they arrive, or handled with their reply lost on the way back; events of a topic failing their first
 * delivery (the broker delivers them again).
 */
class UnreliableBroker implements MessageBroker {
  readonly kind = 'in-process' as const;
  private readonly refusals = new Map<string, Array<'unsent' | 'reply_lost'>>();
  private readonly failingTopics = new Set<string>();
  readonly failedDeliveries: string[] = [];

  constructor(private readonly inner: MessageBroker) {}

  /** The next requests of `pattern`, one failure each. */
  refuse(pattern: string, ...how: Array<'unsent' | 'reply_lost'>): void {
    this.refusals.set(pattern, [...(this.refusals.get(pattern) ?? []), ...how]);
  }

  heal(): void {
    this.refusals.clear();
  }

  /** The first delivery of each event of `topic` to consumers behind this broker fails. */
  failFirstDelivery(topic: string): void {
    this.failingTopics.add(topic);
  }

  async request(pattern: string, data: unknown, options: RequestOptions): Promise<Reply> {
    const failure = this.refusals.get(pattern)?.shift();
    if (failure === 'unsent') throw new Error(`The broker could not be reached to send ${pattern}`);
    const reply = await this.inner.request(pattern, data, options);
    if (failure === 'reply_lost') throw new RequestTimeoutError(pattern, options.timeoutMs);
    return reply;
  }

  consumeEvents(group: string, handlers: ReadonlyMap<string, EventHandler>, options?: ConsumeOptions): Promise<void> {
    const seen = new Set<string>();
    const wrapped = new Map(
      [...handlers].map(([topic, handler]): [string, EventHandler] => [
        topic,
        async (event) => {
          const id = (event.data as { id: string }).id;
          if (this.failingTopics.has(topic) && !seen.has(id)) {
            seen.add(id);
            this.failedDeliveries.push(id);
            throw new Error('The consumer crashed before it committed');
          }
          await handler(event);
        },
      ]),
    );
    return this.inner.consumeEvents(group, wrapped, options);
  }

  connect(): Promise<void> {
    return this.inner.connect();
  }
  eventLag(group: string): number {
    return this.inner.eventLag(group);
  }
  serveRequests(group: string, handlers: ReadonlyMap<string, RequestHandler>): Promise<void> {
    return this.inner.serveRequests(group, handlers);
  }
  publish(topic: string, events: readonly OutboundEvent[]): Promise<void> {
    return this.inner.publish(topic, events);
  }
  probe(): Promise<void> {
    return this.inner.probe();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Notification {
  event: string;
  transaction_id: string;
  order_id: string;
  status: string;
}

/**
 * `POST /api/v1/pay` with its per-payment webhook_url, against the real services, while the bus fails:
 * what the merchant sees is one payment per order with its notifications, or an error and nothing at all.
 */
describe('the gateway API document\'s /pay when the bus fails', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let edgeBus: UnreliableBroker;
  let dispatchBus: UnreliableBroker;
  const apps: INestMicroservice[] = [];
  let receiver: WebhookReceiver;
  let merchant: MerchantCredentials;
  let caller: Caller;
  let payments: GatewayApiPaymentCreation;
  const run = randomBytes(4).toString('hex');
  const { ok } = busRequests(() => broker);

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    edgeBus = new UnreliableBroker(broker);
    dispatchBus = new UnreliableBroker(broker);
    const services: Array<[string, (runtime: ServiceRuntime) => DynamicModule, MessageBroker]> = [
      [ServiceNames.Auth, (runtime) => AuthModule.forRoot(runtime), broker],
      [ServiceNames.GatewayConnectors, (runtime) => GatewayConnectorsModule.forRoot(runtime), broker],
      [ServiceNames.Payments, (runtime) => PaymentsModule.forRoot(runtime), broker],
      [ServiceNames.WebhookDispatch, (runtime) => WebhookDispatchModule.forRoot(runtime), dispatchBus],
    ];
    for (const [service, moduleFor, bus] of services) {
      apps.push(await startService({ service, broker: bus, module: moduleFor({ broker: bus, databaseUrl: postgres.url, env }) }));
    }
    merchant = await bootstrapMerchant(apps[0]!.get(DataSource), env.PAYRAIL_API_KEY_PEPPER!, env.PAYRAIL_SECRETS_KEY!, { name: `Pay outage shop ${run}` });
    caller = { merchantId: merchant.merchant_id, livemode: false };
    receiver = await WebhookReceiver.start();
    payments = new GatewayApiPaymentCreation(new MessageClient(edgeBus));
  }, 90_000);

  afterAll(async () => {
    await receiver?.stop();
    // The broker first: events still on their way to a service already closed would be retried forever.
    await broker?.close();
    for (const app of apps.reverse()) await app.close();
    await postgres?.stop();
  });

  const order = (suffix: string, overrides: Partial<CreatePaymentDto> = {}): CreatePaymentDto =>
    Object.assign(new CreatePaymentDto(), {
      order_id: `ORD-${run}-${suffix}`,
      amount: 1500,
      currency: 'INR',
      customer_email: 'rahul@example.com',
      return_url: 'https://client.example/success',
      webhook_url: receiver.url,
      ...overrides,
    });
  /** One `/pay` as the controller makes it: the session it answers with. */
  const pay = async (dto: CreatePaymentDto) => (await payments.create(caller, dto, merchant.signing_key)).session;
  const transactionsOf = async (orderId: string) => (await ok(Patterns.CheckoutSessionTransactions, { caller, params: { order_id: orderId, limit: 10 } })).data;

  /** Verified as the document's integrators verify a notification (hex HMAC-SHA256 with the signing secret). */
  function notificationsOf(transaction: string): Notification[] {
    const path = new URL(receiver.url).pathname;
    return receiver.received
      .filter((delivery: ReceivedWebhook) => delivery.status === 200)
      .filter((delivery) => {
        const header = (name: string) => String(delivery.headers[name]);
        const signed = `POST\n${path}\n${header('x-api-timestamp')}\n${header('x-api-nonce')}\n${delivery.body}`;
        return header('x-api-key') === merchant.signing_key && header('x-api-signature') === createHmac('sha256', merchant.signing_secret).update(signed).digest('hex');
      })
      .map((delivery) => JSON.parse(delivery.body) as Notification)
      .filter((notice) => notice.transaction_id === transaction);
  }

  async function expireAndAwaitNotice(transaction: string): Promise<void> {
    await ok(Patterns.CheckoutSessionExpire, { caller, params: { id: transaction } });
    await receiver.waitFor(() => notificationsOf(transaction).some((notice) => notice.event === 'payment.failed'));
    // Settled: nothing more is on its way (a second endpoint or delivery would have sent by now).
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  it('answers with one payment when the check is refused once and the reply to the create is lost: the retry makes nothing twice', async () => {
    edgeBus.refuse(Patterns.TransactionWebhookCheck, 'unsent');
    edgeBus.refuse(Patterns.CheckoutSessionCreate, 'reply_lost');
    const session = await pay(order('lost-reply'));
    expect(session).toMatchObject({ id: expect.stringMatching(/^cs_/), status: 'open', client_reference_id: `ORD-${run}-lost-reply` });
    expect((await transactionsOf(`ORD-${run}-lost-reply`)).map((transaction) => transaction.session.id)).toEqual([session.id]);

    await expireAndAwaitNotice(session.id);
    expect(notificationsOf(session.id)).toEqual([{ event: 'payment.failed', transaction_id: session.id, order_id: `ORD-${run}-lost-reply`, amount: 1500, currency: 'INR', status: 'failed', gateway_ref: null, timestamp: expect.any(String) }]);
  });

  it('creates nothing while the bus refuses the create, answers a retryable 503, and leaves the order_id free for the retry once it is back', async () => {
    edgeBus.refuse(Patterns.CheckoutSessionCreate, 'unsent', 'unsent', 'unsent');
    const refusal = await pay(order('outage')).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PayrailError);
    expect(refusal).toMatchObject({ code: 'service_unavailable', status: 503, options: { details: { retry_after: expect.any(Number) } } });
    expect((refusal as PayrailError).message).toContain('Retry the same request');
    expect(await transactionsOf(`ORD-${run}-outage`)).toEqual([]);

    edgeBus.heal();
    const session = await pay(order('outage'));
    await expireAndAwaitNotice(session.id);
    expect(notificationsOf(session.id).map((notice) => notice.event)).toEqual(['payment.failed']);
  });

  it('still notifies, once, when webhook-dispatch fails on first learning where the notifications go', async () => {
    dispatchBus.failFirstDelivery(Topics.CheckoutNotifications);
    const session = await pay(order('redelivered'));
    await expireAndAwaitNotice(session.id);
    expect(dispatchBus.failedDeliveries.length).toBeGreaterThanOrEqual(1);
    expect(notificationsOf(session.id).map((notice) => notice.event)).toEqual(['payment.failed']);
  });

  it('refuses a forbidden webhook_url as bad input before anything exists, leaving the order_id free', async () => {
    const refusal = await pay(order('forbidden', { webhook_url: 'https://169.254.169.254/hook' })).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PayrailError);
    expect(refusal).toMatchObject({ code: 'parameter_invalid', param: 'webhook_url' });
    expect(await transactionsOf(`ORD-${run}-forbidden`)).toEqual([]);
    const corrected = await pay(order('forbidden'));
    expect(corrected.client_reference_id).toBe(`ORD-${run}-forbidden`);
  });

  it('answers the merchant\'s retry with the first request\'s session when every reply to its create was lost, and notifies once', async () => {
    edgeBus.refuse(Patterns.CheckoutSessionCreate, 'reply_lost', 'reply_lost', 'reply_lost');
    const lost = await pay(order('all-lost')).catch((error: unknown) => error);
    expect(lost).toMatchObject({ code: 'service_unavailable', status: 503 });
    // The three tries carried one session id: the payment exists once, though its merchant was told nothing.
    const [made, ...more] = await transactionsOf(`ORD-${run}-all-lost`);
    expect(more).toEqual([]);

    // The retry, written as another client would write the same payment: equal once normalised.
    const retry = order('all-lost', { currency: 'inr', customer_email: 'Rahul@Example.com', webhook_url: receiver.url.replace('http://', 'HTTP://') });
    const answered = await payments.create(caller, retry, merchant.signing_key);
    expect(answered).toEqual({ session: expect.objectContaining({ id: made!.session.id, status: 'open', url: made!.session.url, amount_total: 150000 }), replayed: true });
    expect(answered.session.url).toMatch(/\/checkout\/cs_/);
    expect((await transactionsOf(`ORD-${run}-all-lost`)).map((transaction) => transaction.session.id)).toEqual([made!.session.id]);

    await expireAndAwaitNotice(made!.session.id);
    expect(notificationsOf(made!.session.id).map((notice) => notice.event)).toEqual(['payment.failed']);
  });

  it('refuses the order_id with another amount, currency, customer or webhook_url as the document\'s duplicate, leaving its one payment', async () => {
    const first = await pay(order('duplicate'));
    const changes: Array<Partial<CreatePaymentDto>> = [
      { amount: 1500.01 },
      { currency: 'KES' },
      { customer_email: 'someone.else@example.com' },
      { customer_name: 'Another Customer' },
      { return_url: 'https://client.example/other' },
      { webhook_url: `${receiver.url}/other` },
      { webhook_url: undefined },
      { metadata: { product_id: 'P200' } },
    ];
    for (const change of changes) {
      const refusal = await pay(order('duplicate', change)).catch((error: unknown) => error);
      expect({ change, refusal }).toEqual({ change, refusal: expect.objectContaining({ code: 'parameter_invalid', param: 'order_id', message: expect.stringContaining('already been used') }) });
    }
    expect((await transactionsOf(`ORD-${run}-duplicate`)).map((transaction) => transaction.session.id)).toEqual([first.id]);
    // The same order_id is still answered for the same payment after the refusals.
    expect((await payments.create(caller, order('duplicate'), merchant.signing_key)).session.id).toBe(first.id);
  });

  it('makes one payment of two requests for one order racing each other, answering both with it', async () => {
    const answers = await Promise.all([0, 1, 2].map(() => payments.create(caller, order('racing'), merchant.signing_key)));
    const ids = new Set(answers.map((answer) => answer.session.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect((await transactionsOf(`ORD-${run}-racing`)).map((transaction) => transaction.session.id)).toEqual([...ids]);

    // Racing with another amount: one of them is made, the other refused, never both.
    const mixed = await Promise.allSettled([pay(order('racing-mixed')), pay(order('racing-mixed', { amount: 999 }))]);
    expect(mixed.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(mixed.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'parameter_invalid', param: 'order_id' } });
    expect(await transactionsOf(`ORD-${run}-racing-mixed`)).toHaveLength(1);
  });
});
