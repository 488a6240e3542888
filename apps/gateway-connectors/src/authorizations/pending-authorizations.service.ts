import { Inject, Injectable } from '@nestjs/common';
import { Topics, type AuthorizePaymentResult, type Caller } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../config/gateway-connectors.config.js';
import { askGateway } from '../http/gateway-http-client.js';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import { assertReplayOf } from '../transactions/assert-replay.js';
import { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { AuthorizationAttemptsRepository } from '../failover/authorization-attempts.repository.js';
import { authorizationKeyOf } from './authorization-keys.js';
import { LostStkPushes } from './lost-stk-pushes.js';
import { feeColumns, routeOf, toAuthorizeResult, toRecordedEvent } from '../transactions/gateway-transaction.mapper.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';

/** The key of the transaction that records how a pending authorisation ended: one per authorisation. */
export function settlementKey(authorizationKey: string): string {
  return `settlement:${authorizationKey}`;
}

/**
 * Authorisations the gateway answered `pending` (M-Pesa's STK push, waiting for the customer's PIN). The
 * pending row stays as it was; how the payment ended is a child row under its own key, recorded once,
 * from the gateway's own record (its sync), whether a callback or the reconciliation asked first.
 */
@Injectable()
export class PendingAuthorizationsService {
  constructor(
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    private readonly transactions: GatewayTransactionsRepository,
    private readonly outbox: TransactionalOutbox,
    @Inject(GATEWAY_CONNECTORS_CONFIG) private readonly config: Pick<GatewayConnectorsConfig, 'mpesaPromptTimeoutMs'>,
    private readonly attempts: AuthorizationAttemptsRepository,
    private readonly lostPushes: LostStkPushes,
  ) {}

  /**
   * An authorisation as payments receives it, with every gateway account tried for it; a pending one says
   * what the client is to show meanwhile.
   */
  async present(entity: GatewayTransactionEntity): Promise<AuthorizePaymentResult> {
    const result = toAuthorizeResult(entity, await this.attempts.forAuthorization(authorizationKeyOf(entity.idempotencyKey)));
    if (entity.outcome !== 'pending' || entity.connector !== 'mpesa') return result;
    const expiresAt = Math.floor((entity.createdAt.getTime() + this.config.mpesaPromptTimeoutMs) / 1000);
    return { ...result, nextAction: { type: 'mpesa_stk_push', mpesa_stk_push: { checkout_request_id: entity.gatewayReference, expires_at: expiresAt } } };
  }

  /**
   * A push whose answer was lost is settled at once if its callback already came while the answer was
   * awaited (that callback was only recorded). An answered one is left to wait, so that the client is
   * shown its CheckoutRequestID; a callback that came early is found when it is next settled.
   */
  afterAnswer(caller: Caller, pending: GatewayTransactionEntity, answered: AuthorizePaymentResult): Promise<AuthorizePaymentResult> {
    const lostAnswer = pending.connector === 'mpesa' && pending.outcome === 'pending' && pending.gatewayReference === null;
    return lostAnswer ? this.settle(caller, pending) : Promise.resolve(answered);
  }

  /** The settlement if one is recorded, else the pending answer: what a repeated confirmation gets. */
  async latest(pending: GatewayTransactionEntity): Promise<AuthorizePaymentResult> {
    const settled = await this.transactions.findByIdempotencyKey(settlementKey(pending.idempotencyKey));
    return this.present(settled ?? pending);
  }

  /**
   * Asks the gateway how the pending authorisation ended and records it once; still pending, or the
   * gateway unreachable, leaves it pending. `receipt` is the callback's receipt number: the query that
   * confirms the callback does not carry it.
   */
  async settle(caller: Caller, recorded: GatewayTransactionEntity, callbackReceipt?: string): Promise<AuthorizePaymentResult> {
    const money = { amount: Number(recorded.amount), currency: recorded.currency };
    assertReplayOf(recorded, caller, money);
    const key = settlementKey(recorded.idempotencyKey);
    const settled = await this.transactions.findByIdempotencyKey(key);
    if (settled) return this.present(settled);
    const adopted = await this.lostPushes.earlierCallback(recorded);
    const pending = adopted.pending;
    const receipt = callbackReceipt ?? adopted.receipt;
    const connector = await this.registry.connectorFor(caller, routeOf(pending));
    const known = await askGateway(pending.connector, () =>
      connector.sync({
        idempotencyKey: pending.idempotencyKey,
        livemode: caller.livemode,
        pending: { externalReference: pending.gatewayReference, ...money, attemptedAt: pending.createdAt },
      }),
    );
    if (known.status === 'not_found' || known.answer.outcome === 'pending') return this.present(pending);
    const answer = known.answer;
    const transaction = Object.assign(new GatewayTransactionEntity(), {
      ...pending,
      id: newId('gtx'),
      idempotencyKey: key,
      parentId: pending.id,
      outcome: answer.outcome,
      failureCode: answer.failureCode ?? null,
      declineCode: answer.declineCode ?? null,
      failureMessage: answer.failureMessage ?? null,
      networkStatus: answer.networkStatus,
      riskLevel: answer.riskLevel,
      sellerMessage: answer.sellerMessage,
      gatewayReference: answer.outcome === 'succeeded' ? (receipt ?? null) : answer.externalReference,
      ...feeColumns(answer.outcome === 'succeeded' && pending.captureMethod !== 'manual' ? answer : undefined),
      createdAt: new Date(),
    } satisfies GatewayTransactionEntity);
    await this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.transactions.insertIfAbsent(manager, transaction))) return;
      await publish(Topics.ConnectorsEvents, newEvent('gateway.transaction.recorded', caller, transaction.id, toRecordedEvent(transaction)));
    });
    // A concurrent settlement may have recorded first: its row is the answer.
    return this.present((await this.transactions.findByIdempotencyKey(key))!);
  }
}
