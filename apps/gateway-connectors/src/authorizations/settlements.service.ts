import { Inject, Injectable } from '@nestjs/common';
import { type CapturePaymentParams, type Caller, type SettlePaymentResult, type VoidPaymentParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import { assertReplayOf } from '../transactions/assert-replay.js';
import type { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { FollowUpTransactionsService } from '../transactions/follow-up-transactions.service.js';
import { routeOf, toSettleResult } from '../transactions/gateway-transaction.mapper.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';
import { checkedAmount } from '../transactions/request-checks.js';

export function captureKey(paymentIntentId: string): string {
  return `capture:${paymentIntentId}`;
}

export function voidKey(paymentIntentId: string): string {
  return `void:${paymentIntentId}`;
}

/**
 * Settles a manual-capture authorisation exactly once: a capture (all or part; the gateway releases
 * the rest) or a void. The payment intent is the idempotency key, so a retried request gets the
 * stored answer; payments serialises capture and cancel on the intent, and the check here refuses
 * the second of the two if it ever arrives.
 */
@Injectable()
export class SettlementsService {
  constructor(
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    private readonly transactions: GatewayTransactionsRepository,
    private readonly followUps: FollowUpTransactionsService,
  ) {}

  async capture(caller: Caller, params: CapturePaymentParams): Promise<SettlePaymentResult> {
    const paymentIntentId = params.paymentIntentId;
    const money = checkedAmount(params.amount, params.currency);
    const idempotencyKey = captureKey(paymentIntentId);
    const existing = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (existing) return this.replay(existing, caller, money);

    const authorization = await this.settleable(caller, paymentIntentId, params);
    if (authorization.currency !== money.currency || money.amount > Number(authorization.amount)) {
      throw new PayrailError('amount_too_large', 'The capture amount is greater than the amount authorised.', { param: 'amount' });
    }
    const connector = await this.registry.connectorFor(caller, routeOf(authorization));
    const result = await connector.capture({ idempotencyKey, livemode: caller.livemode, ...money, authorization: gatewayView(authorization) });
    const settled = await this.followUps.record(caller, { kind: 'capture', authorization, idempotencyKey, sourceId: paymentIntentId, money, result });
    return toSettleResult(settled);
  }

  async void(caller: Caller, params: VoidPaymentParams): Promise<SettlePaymentResult> {
    const paymentIntentId = params.paymentIntentId;
    const idempotencyKey = voidKey(paymentIntentId);
    const existing = await this.transactions.findByIdempotencyKey(idempotencyKey);
    if (existing) return this.replay(existing, caller, { amount: Number(existing.amount), currency: existing.currency });

    const authorization = await this.settleable(caller, paymentIntentId, params);
    const money = { amount: Number(authorization.amount), currency: authorization.currency };
    const connector = await this.registry.connectorFor(caller, routeOf(authorization));
    const result = await connector.void({ idempotencyKey, livemode: caller.livemode, authorization: gatewayView(authorization) });
    const settled = await this.followUps.record(caller, { kind: 'void', authorization, idempotencyKey, sourceId: paymentIntentId, money, result });
    return toSettleResult(settled);
  }

  private async settleable(caller: Caller, paymentIntentId: string, params: { connector: string; gatewayReference: string }): Promise<GatewayTransactionEntity> {
    const reference = params.gatewayReference;
    const authorization = await this.transactions.findAuthorization(caller, reference);
    if (!authorization || authorization.sourceId !== paymentIntentId || authorization.connector !== params.connector || authorization.outcome !== 'succeeded') {
      throw PayrailError.notFound('gateway_transaction', reference, 'gateway_reference');
    }
    if (authorization.captureMethod !== 'manual') {
      throw new PayrailError('parameter_invalid', 'This authorisation was captured when it was made.', { param: 'gateway_reference' });
    }
    const settlement = await this.transactions.findSettlement(authorization.id);
    if (settlement) {
      throw new PayrailError('parameter_invalid', `This authorisation has already been ${settlement.kind === 'void' ? 'voided' : 'captured'}.`, {
        param: 'gateway_reference',
      });
    }
    return authorization;
  }

  private replay(existing: GatewayTransactionEntity, caller: Caller, request: { amount: number; currency: string }): SettlePaymentResult {
    assertReplayOf(existing, caller, request);
    return toSettleResult(existing);
  }
}

function gatewayView(authorization: GatewayTransactionEntity): { externalReference: string | null; amount: number; currency: string } {
  return { externalReference: authorization.gatewayReference, amount: Number(authorization.amount), currency: authorization.currency };
}
