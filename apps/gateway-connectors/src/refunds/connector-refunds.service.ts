import { Inject, Injectable } from '@nestjs/common';
import type { Caller, RefundPaymentParams, RefundPaymentResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { askGateway } from '../http/gateway-http-client.js';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import { assertReplayOf } from '../transactions/assert-replay.js';
import type { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { FollowUpTransactionsService } from '../transactions/follow-up-transactions.service.js';
import { routeOf, toRefundResult } from '../transactions/gateway-transaction.mapper.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';
import { checkedAmount } from '../transactions/request-checks.js';

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
    private readonly followUps: FollowUpTransactionsService,
  ) {}

  async refund(caller: Caller, params: RefundPaymentParams): Promise<RefundPaymentResult> {
    const refundId = params.refundId;
    const money = checkedAmount(params.amount, params.currency);
    const idempotencyKey = refundKey(refundId);

    const existing = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (existing) return this.replay(existing, caller, money);

    const authorization = await this.transactions.findSucceededAuthorization(caller, params.gatewayReference, params.connector);
    if (!authorization) throw PayrailError.notFound('gateway_transaction', params.gatewayReference, 'gateway_reference');
    const connector = await this.registry.connectorFor(caller, routeOf(authorization));
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
    const refunded = await this.followUps.record(caller, { kind: 'refund', authorization, idempotencyKey, sourceId: refundId, money, result });
    return toRefundResult(refunded);
  }

  /**
   * What became of a refund left pending. One the gateway answered `pending` to is asked about (never
   * made again) and its end recorded; one whose answer never came back is sent again under its key,
   * which every connector answers idempotently (Stripe's `Idempotency-Key`, Razorpay's receipt).
   */
  async sync(caller: Caller, params: RefundPaymentParams): Promise<RefundPaymentResult> {
    const money = checkedAmount(params.amount, params.currency);
    const idempotencyKey = refundKey(params.refundId);
    const existing = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (!existing) return this.refund(caller, params);
    assertReplayOf(existing, caller, money);
    if (existing.outcome !== 'pending') return toRefundResult(existing);

    const authorization = (await this.transactions.findAuthorization(caller, existing.parentId!))!;
    const connector = await this.registry.connectorFor(caller, routeOf(authorization));
    const known = await askGateway(authorization.connector, () => connector.syncRefund({
      idempotencyKey,
      livemode: caller.livemode,
      ...money,
      externalReference: existing.gatewayReference,
      authorization: { externalReference: authorization.gatewayReference, amount: Number(authorization.amount), currency: authorization.currency },
    }));
    if (known.status !== 'pending') await this.followUps.settlePendingRefund(caller, existing, { ...known, status: known.status });
    return toRefundResult((await this.transactions.findByIdempotencyKey(idempotencyKey))!);
  }

  private replay(existing: GatewayTransactionEntity, caller: Caller, request: { amount: number; currency: string }): RefundPaymentResult {
    assertReplayOf(existing, caller, request);
    return toRefundResult(existing);
  }
}
