import { Inject, Injectable } from '@nestjs/common';
import { Topics, type AuthorizePaymentParams, type AuthorizePaymentResult, type Caller } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import type { ConnectorAuthorizeResult } from '../routing/payment-connector.js';
import { assertReplayOf } from '../transactions/assert-replay.js';
import { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { toAuthorizeResult, toRecordedEvent } from '../transactions/gateway-transaction.mapper.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';
import { checkedAmount, checkedId } from '../transactions/request-checks.js';

export function authorizationKey(paymentIntentId: string, attempt: number): string {
  return `authorization:${paymentIntentId}:${attempt}`;
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
    private readonly transactions: GatewayTransactionsRepository,
    private readonly outbox: TransactionalOutbox,
  ) {}

  async authorize(caller: Caller, params: AuthorizePaymentParams): Promise<AuthorizePaymentResult> {
    const paymentIntentId = checkedId(params.paymentIntentId, 'payment_intent');
    if (!Number.isSafeInteger(params.attempt) || params.attempt < 1) {
      throw new PayrailError('parameter_invalid', 'Invalid attempt.', { param: 'attempt' });
    }
    const money = checkedAmount(params.amount, params.currency);
    if (typeof params.paymentMethod !== 'string' || params.paymentMethod.length === 0) {
      throw new PayrailError('parameter_missing', 'Missing required param: payment_method.', { param: 'payment_method' });
    }
    const captureMethod = params.captureMethod === 'manual' ? 'manual' : 'automatic';
    const idempotencyKey = authorizationKey(paymentIntentId, params.attempt);

    const existing = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (existing) return this.replay(existing, caller, money);

    const connector = this.registry.routeAuthorization();
    const result = await connector.authorize({ idempotencyKey, livemode: caller.livemode, ...money, paymentMethod: params.paymentMethod, captureMethod });
    const transaction = recordOf(result, {
      id: newId('gtx'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      connector: connector.name,
      idempotencyKey,
      sourceId: paymentIntentId,
      amount: String(money.amount),
      currency: money.currency,
      captureMethod,
    });

    const inserted = await this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.transactions.insertIfAbsent(manager, transaction))) return false;
      await publish(
        Topics.ConnectorsEvents,
        newEvent('gateway.transaction.recorded', caller, transaction.id, toRecordedEvent(transaction)),
      );
      return true;
    });
    if (inserted) return toAuthorizeResult(transaction);
    // A concurrent duplicate recorded first; the gateway saw the same idempotency key, so its answer stands.
    return this.replay((await this.transactions.findByIdempotencyKey(idempotencyKey))!, caller, money);
  }

  private replay(existing: GatewayTransactionEntity, caller: Caller, request: { amount: number; currency: string }): AuthorizePaymentResult {
    assertReplayOf(existing, caller, request);
    return toAuthorizeResult(existing);
  }
}

type AuthorizationIdentity = Pick<
  GatewayTransactionEntity,
  'id' | 'merchantId' | 'livemode' | 'connector' | 'idempotencyKey' | 'sourceId' | 'amount' | 'currency' | 'captureMethod'
>;

function recordOf(result: ConnectorAuthorizeResult, identity: AuthorizationIdentity): GatewayTransactionEntity {
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
    cardLast4: result.card.last4,
    cardExpMonth: result.card.exp_month,
    cardExpYear: result.card.exp_year,
    cardFunding: result.card.funding,
    cardCountry: result.card.country,
    cardFingerprint: result.card.fingerprint,
    gatewayReference: result.externalReference,
    createdAt: new Date(),
  } satisfies GatewayTransactionEntity);
}
