import { Inject, Injectable } from '@nestjs/common';
import {
  Topics,
  type AuthorizePaymentParams,
  type AuthorizePaymentResult,
  type Caller,
  type CompleteAuthenticationParams,
  type GatewayCustomerAction,
  type SyncAuthorizationParams,
  type SyncAuthorizationResult,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import { FailoverAuthorizer } from '../failover/failover-authorizer.js';
import { askGateway } from '../http/gateway-http-client.js';
import { AuthorizationRoutesRepository } from '../routing/authorization-routes.repository.js';
import { BUILT_IN_SANDBOX_ROUTE, ConnectorRegistry } from '../routing/connector-registry.js';
import type { ConnectorAuthenticationResult, ConnectorAuthorizeResult } from '../routing/payment-connector.js';
import { assertReplayOf } from '../transactions/assert-replay.js';
import { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { feeColumns, routeOf, toRecordedEvent } from '../transactions/gateway-transaction.mapper.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';
import { checkedAmount } from '../transactions/request-checks.js';
import { PendingAuthorizationsService } from './pending-authorizations.service.js';

export function authorizationKey(paymentIntentId: string, attempt: number): string {
  return `authorization:${paymentIntentId}:${attempt}`;
}

export function authenticationKey(paymentIntentId: string, attempt: number): string {
  return `authentication:${paymentIntentId}:${attempt}`;
}


/**
 * Authorises one attempt of a payment intent, once: `(paymentIntentId, attempt)` is the idempotency
 * key, so a retried request gets the stored answer and no second authorisation. The gateway is
 * called outside any transaction; only the recording and its event share one.
 */
@Injectable()
export class AuthorizationsService {
  constructor(
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    private readonly routes: AuthorizationRoutesRepository,
    private readonly transactions: GatewayTransactionsRepository,
    private readonly outbox: TransactionalOutbox,
    private readonly failover: FailoverAuthorizer,
    private readonly pendings: PendingAuthorizationsService,
  ) {}

  async authorize(caller: Caller, params: AuthorizePaymentParams): Promise<AuthorizePaymentResult> {
    const paymentIntentId = params.paymentIntentId;
    const money = checkedAmount(params.amount, params.currency);
    const captureMethod = params.captureMethod;
    const idempotencyKey = authorizationKey(paymentIntentId, params.attempt);

    const existing = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (existing) {
      const replayed = this.replay(existing, caller, money);
      return existing.outcome === 'pending' ? this.pendings.latest(existing) : replayed;
    }

    const payment = { paymentMethodType: params.paymentMethodType ?? 'card', currency: money.currency, amount: money.amount, metadata: params.metadata ?? {} };
    const request = { idempotencyKey, livemode: caller.livemode, ...money, paymentMethod: params.paymentMethod, captureMethod, paymentIntentId, returnUrl: params.returnUrl };
    const { route, result } = await this.failover.authorize(caller, request, payment);
    const transaction = recordOf(result, {
      id: newId('gtx'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      connector: route.gateway,
      gatewayAccountId: route.gatewayAccountId,
      idempotencyKey,
      sourceId: paymentIntentId,
      amount: String(money.amount),
      currency: money.currency,
      captureMethod,
    });

    return this.pendings.afterAnswer(caller, transaction, await this.record(caller, transaction, money));
  }

  /**
   * Finishes an authorisation that asked for 3D Secure, once per attempt: the gateway hears the
   * customer's result and approves or declines. The outcome is a second authorisation row, child of
   * the first, so refunds and captures find a succeeded authorisation as usual.
   */
  async completeAuthentication(caller: Caller, params: CompleteAuthenticationParams): Promise<AuthorizePaymentResult> {
    const paymentIntentId = params.paymentIntentId;
    const pending = await this.transactions.findAuthorization(caller, params.gatewayReference);
    if (!pending || pending.sourceId !== paymentIntentId || pending.outcome !== 'requires_action') {
      throw PayrailError.notFound('gateway_transaction', params.gatewayReference, 'gateway_reference');
    }
    const money = { amount: Number(pending.amount), currency: pending.currency };
    const idempotencyKey = authenticationKey(paymentIntentId, params.attempt);
    const existing = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (existing) return this.replay(existing, caller, money);

    const connector = await this.registry.connectorFor(caller, routeOf(pending));
    const result = await connector.completeAuthentication({
      idempotencyKey,
      livemode: caller.livemode,
      ...money,
      authenticated: params.authenticated,
      authorization: { externalReference: pending.gatewayReference },
      ...(params.checkout ? { checkout: params.checkout } : {}),
    });
    const transaction = recordOf(
      { ...result, card: cardOfCompletion(result) ?? cardOf(pending) },
      { ...pick(pending, ['merchantId', 'livemode', 'connector', 'gatewayAccountId', 'sourceId', 'amount', 'currency', 'captureMethod']), id: newId('gtx'), idempotencyKey },
    );
    transaction.parentId = pending.id;
    // A gateway hosting 3-D Secure (Stripe) still waits for the customer: nothing is settled, so nothing
    // is recorded under this attempt's key, and a later completion asks the gateway again.
    if (result.outcome === 'requires_action') return this.pendings.present(pending);
    return this.record(caller, transaction, money);
  }

  /**
   * What became of an attempt whose answer was lost (the asker crashed or timed out): Payrail's record
   * of it if the answer was recorded, else the gateway's, recorded now through the same path as a live
   * answer. `not_found` means the gateway never took the attempt and now never will.
   */
  async sync(caller: Caller, params: SyncAuthorizationParams): Promise<SyncAuthorizationResult> {
    const paymentIntentId = params.paymentIntentId;
    const authentication = params.step === 'authentication';
    const idempotencyKey = (authentication ? authenticationKey : authorizationKey)(paymentIntentId, params.attempt);
    const recorded = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (recorded?.outcome === 'pending') return params.recordedOnly ? this.pendings.latest(recorded) : this.pendings.settle(caller, recorded);
    if (recorded) return this.replay(recorded, caller, { amount: Number(recorded.amount), currency: recorded.currency });

    const pending = authentication ? await this.transactions.findPendingAuthentication(caller, paymentIntentId) : null;
    if (authentication && !pending) return { outcome: 'not_found' };
    // An attempt's route is recorded before its gateway is called: none recorded means no gateway was
    // called (or the attempt predates routes, when the sandbox was the only gateway). Claiming the
    // sandbox then sends a late authorisation there too, and the sandbox has closed the key by then.
    const route = pending ? routeOf(pending) : await this.routes.claim(idempotencyKey, caller, () => Promise.resolve(BUILT_IN_SANDBOX_ROUTE));
    const connector = await this.registry.connectorFor(caller, route);
    // Where the customer authenticates at the gateway itself (Stripe's page, Razorpay Checkout), the
    // gateway knows the payment by the authorisation's key alone: its record of that says how it ended.
    const gatewayKey = pending?.customerAction ? authorizationKey(paymentIntentId, params.attempt) : idempotencyKey;
    const known = await askGateway(route.gateway, () => connector.sync({ idempotencyKey: gatewayKey, livemode: caller.livemode }));
    if (known.status === 'not_found') return { outcome: 'not_found' };

    const money = { amount: known.amount, currency: known.currency };
    const identity = pending
      ? { ...pick(pending, ['merchantId', 'livemode', 'connector', 'gatewayAccountId', 'sourceId', 'amount', 'currency', 'captureMethod']), id: newId('gtx'), idempotencyKey }
      : {
          id: newId('gtx'),
          merchantId: caller.merchantId,
          livemode: caller.livemode,
          connector: route.gateway,
          gatewayAccountId: route.gatewayAccountId,
          idempotencyKey,
          sourceId: paymentIntentId,
          amount: String(known.amount),
          currency: known.currency,
          captureMethod: known.captureMethod,
        };
    const card = known.answer.card ?? (pending ? cardOf(pending) : undefined);
    if (!card) throw new Error(`The gateway's record of ${idempotencyKey} has no card`);
    const transaction = recordOf({ ...known.answer, card }, identity);
    if (pending) transaction.parentId = pending.id;
    // Still waiting for the customer at the gateway: nothing final to record under the completion's key,
    // and the authorisation that waits is the answer (its reference is the one a completion names).
    if (pending && transaction.outcome === 'requires_action') return this.pendings.present(pending);
    return this.record(caller, transaction, money);
  }

  private async record(caller: Caller, transaction: GatewayTransactionEntity, money: { amount: number; currency: string }): Promise<AuthorizePaymentResult> {
    const inserted = await this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.transactions.insertIfAbsent(manager, transaction))) return false;
      await publish(
        Topics.ConnectorsEvents,
        newEvent('gateway.transaction.recorded', caller, transaction.id, toRecordedEvent(transaction)),
      );
      return true;
    });
    if (inserted) return this.pendings.present(transaction);
    // A concurrent duplicate recorded first; the gateway saw the same idempotency key, so its answer stands.
    return this.replay((await this.transactions.findByIdempotencyKey(transaction.idempotencyKey))!, caller, money);
  }

  private async replay(existing: GatewayTransactionEntity, caller: Caller, request: { amount: number; currency: string }): Promise<AuthorizePaymentResult> {
    assertReplayOf(existing, caller, request);
    return this.pendings.present(existing);
  }
}

type AuthorizationIdentity = Pick<
  GatewayTransactionEntity,
  'id' | 'merchantId' | 'livemode' | 'connector' | 'gatewayAccountId' | 'idempotencyKey' | 'sourceId' | 'amount' | 'currency' | 'captureMethod'
>;

function pick<T, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<T, K>;
}

function cardOf(entity: GatewayTransactionEntity): ConnectorAuthorizeResult['card'] {
  return {
    brand: entity.cardBrand ?? 'unknown',
    last4: entity.cardLast4 ?? '',
    exp_month: entity.cardExpMonth ?? 0,
    exp_year: entity.cardExpYear ?? 0,
    funding: entity.cardFunding ?? 'unknown',
    country: entity.cardCountry,
    fingerprint: entity.cardFingerprint ?? '',
  };
}

/**
 * The card a gateway shows only once the customer paid on its own page (Razorpay's payment entity: network,
 * last4, funding), which the authorisation that sent them there could not know.
 */
function cardOfCompletion(result: ConnectorAuthenticationResult & { card?: ConnectorAuthorizeResult['card'] }): ConnectorAuthorizeResult['card'] | undefined {
  return result.card && result.card.last4 !== '' ? result.card : undefined;
}

function customerActionOf(result: Pick<ConnectorAuthorizeResult, 'redirectUrl' | 'nextAction'>): GatewayCustomerAction | null {
  if (result.redirectUrl) return { type: 'redirect_to_url', url: result.redirectUrl };
  const checkout = result.nextAction;
  // M-Pesa's prompt is not stored as an action: the pending answer derives it (PendingAuthorizationsService).
  if (checkout?.type === 'razorpay_checkout') return { type: 'razorpay_checkout', order_id: checkout.order_id, key_id: checkout.key_id, checkout_url: checkout.checkout_url, amount: checkout.amount, currency: checkout.currency };
  return null;
}

function recordOf(result: ConnectorAuthorizeResult | (ConnectorAuthenticationResult & Pick<ConnectorAuthorizeResult, 'card'>), identity: AuthorizationIdentity): GatewayTransactionEntity {
  return Object.assign(new GatewayTransactionEntity(), {
    ...identity,
    kind: 'authorization',
    parentId: null,
    outcome: result.outcome,
    failureCode: result.failureCode ?? null,
    declineCode: result.declineCode ?? null,
    failureMessage: result.failureMessage ?? null,
    networkStatus: result.networkStatus,
    riskLevel: result.riskLevel,
    sellerMessage: result.sellerMessage,
    cardBrand: result.card.brand,
    // No card yet (Razorpay before Checkout, UPI): stored as absent, read back as the same empty card.
    cardLast4: result.card.last4 === '' ? null : result.card.last4,
    cardExpMonth: result.card.exp_month,
    cardExpYear: result.card.exp_year,
    cardFunding: result.card.funding,
    cardCountry: result.card.country,
    cardFingerprint: result.card.fingerprint,
    upi: result.upi ?? null,
    gatewayReference: result.externalReference,
    customerAction: result.outcome === 'requires_action' ? customerActionOf(result) : null,
    // The fee of a manual-capture payment belongs to its capture: booked there, once, even if the gateway captured early.
    ...feeColumns(result.outcome === 'succeeded' && identity.captureMethod !== 'manual' ? result : undefined),
    createdAt: new Date(),
  } satisfies GatewayTransactionEntity);
}
