import { Inject, Injectable } from '@nestjs/common';
import { Topics, type Caller, type RefundPaymentParams, type RefundPaymentResult } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import { assertReplayOf } from '../transactions/assert-replay.js';
import { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { toRecordedEvent, toRefundResult } from '../transactions/gateway-transaction.mapper.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';
import { checkedAmount, checkedId } from '../transactions/request-checks.js';

export function refundKey(refundId: string): string {
  return `refund:${refundId}`;
}

/**
 * Refunds part or all of an authorisation through the connector that made it, once per refund id.
 * The refunds service is the judge of how much may be refunded (it serialises refunds per charge);
 * the check here is a backstop, and a real gateway refuses an over-refund itself.
 */
@Injectable()
export class ConnectorRefundsService {
  constructor(
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    private readonly transactions: GatewayTransactionsRepository,
    private readonly outbox: TransactionalOutbox,
  ) {}

  async refund(caller: Caller, params: RefundPaymentParams): Promise<RefundPaymentResult> {
    const refundId = checkedId(params.refundId, 'refund');
    const money = checkedAmount(params.amount, params.currency);
    const idempotencyKey = refundKey(refundId);

    const existing = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (existing) return this.replay(existing, caller, money);

    const connector = this.registry.resolve(checkedId(params.connector, 'connector'));
    const authorization = await this.transactions.findSucceededAuthorization(caller, checkedId(params.gatewayReference, 'gateway_reference'), connector.name);
    if (!authorization) throw PayrailError.notFound('gateway_transaction', params.gatewayReference, 'gateway_reference');
    if (authorization.currency !== money.currency) {
      throw new PayrailError('parameter_invalid', `Refund currency ${money.currency} does not match the payment's currency ${authorization.currency}.`, {
        param: 'currency',
      });
    }
    const authorizedAmount = Number(authorization.amount);
    if ((await this.transactions.refundedAmount(authorization.id)) + money.amount > authorizedAmount) {
      throw new PayrailError('amount_too_large', 'Refund amount is greater than the unrefunded amount of the payment.', { param: 'amount' });
    }

    const result = await connector.refund({
      idempotencyKey,
      livemode: caller.livemode,
      ...money,
      authorization: { externalReference: authorization.gatewayReference, amount: authorizedAmount, currency: authorization.currency },
    });
    const transaction = Object.assign(new GatewayTransactionEntity(), {
      id: newId('gtx'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      connector: connector.name,
      kind: 'refund',
      idempotencyKey,
      sourceId: refundId,
      parentId: authorization.id,
      amount: String(money.amount),
      currency: money.currency,
      captureMethod: null,
      outcome: result.status,
      failureCode: result.status === 'failed' ? (result.failureReason ?? 'unknown') : null,
      declineCode: null,
      failureMessage: null,
      networkStatus: null,
      riskLevel: null,
      sellerMessage: null,
      cardBrand: null,
      cardLast4: null,
      cardExpMonth: null,
      cardExpYear: null,
      cardFunding: null,
      cardCountry: null,
      cardFingerprint: null,
      gatewayReference: result.externalReference,
      createdAt: new Date(),
    } satisfies GatewayTransactionEntity);

    const inserted = await this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.transactions.insertIfAbsent(manager, transaction))) return false;
      // Keyed by the authorisation so that a payment's transactions stay in order on the topic.
      await publish(Topics.ConnectorsEvents, newEvent('gateway.transaction.recorded', caller, authorization.id, toRecordedEvent(transaction)));
      return true;
    });
    if (inserted) return toRefundResult(transaction);
    return this.replay((await this.transactions.findByIdempotencyKey(idempotencyKey))!, caller, money);
  }

  private replay(existing: GatewayTransactionEntity, caller: Caller, request: { amount: number; currency: string }): RefundPaymentResult {
    assertReplayOf(existing, caller, request);
    return toRefundResult(existing);
  }
}
