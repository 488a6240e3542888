import { Injectable } from '@nestjs/common';
import { Topics, type Caller } from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { newEvent, TransactionalOutbox } from '@payrail/messaging';
import type { ConnectorRefundResult, ConnectorSettleResult } from '../routing/payment-connector.js';
import { assertReplayOf } from './assert-replay.js';
import { GatewayTransactionEntity, type GatewayTransactionKind } from './gateway-transaction.entity.js';
import { feeColumns, toRecordedEvent } from './gateway-transaction.mapper.js';
import { GatewayTransactionsRepository } from './gateway-transactions.repository.js';

export interface FollowUp {
  kind: Extract<GatewayTransactionKind, 'capture' | 'void' | 'refund'>;
  authorization: GatewayTransactionEntity;
  idempotencyKey: string;
  /** What the follow-up belongs to: the payment intent (capture, void) or the refund. */
  sourceId: string;
  money: { amount: number; currency: string };
  result: Pick<ConnectorRefundResult, 'status' | 'failureReason' | 'externalReference'> & Pick<ConnectorSettleResult, 'gatewayFee' | 'gatewayFeeAwaited'>;
}

/**
 * Captures, voids and refunds are transactions hanging off an authorisation: recorded once per
 * idempotency key with their event, and a concurrent duplicate gets the stored one back.
 */
@Injectable()
export class FollowUpTransactionsService {
  constructor(
    private readonly transactions: GatewayTransactionsRepository,
    private readonly outbox: TransactionalOutbox,
  ) {}

  async record(caller: Caller, followUp: FollowUp): Promise<GatewayTransactionEntity> {
    const transaction = followUpTransaction(followUp);
    const inserted = await this.outbox.run(async ({ manager, publish }) => {
      if (!(await this.transactions.insertIfAbsent(manager, transaction))) return false;
      // Keyed by the authorisation so that a payment's transactions stay in order on the topic.
      await publish(Topics.ConnectorsEvents, newEvent('gateway.transaction.recorded', caller, followUp.authorization.id, toRecordedEvent(transaction)));
      return true;
    });
    if (inserted) return transaction;
    const existing = (await this.transactions.findByIdempotencyKey(transaction.idempotencyKey))!;
    assertReplayOf(existing, caller, followUp.money);
    return existing;
  }

  /**
   * How a refund the gateway answered `pending` to ended, with its event as when it was first recorded (the
   * ledger follows a converted refund's payout once it succeeded); false if another sync recorded it first.
   */
  async settlePendingRefund(caller: Caller, refund: GatewayTransactionEntity, result: PendingRefundEnd): Promise<boolean> {
    return this.outbox.run(async ({ manager, publish }) => {
      const fee = result.status === 'succeeded' ? convertedPayoutOf(result) : undefined;
      if (!(await this.transactions.settlePendingRefund(refund.id, { ...result, ...(fee ? { feeColumns: feeColumns(fee) } : {}) }, manager))) return false;
      const settled = (await this.transactions.findByIdempotencyKey(refund.idempotencyKey, manager))!;
      await publish(Topics.ConnectorsEvents, newEvent('gateway.transaction.recorded', caller, refund.parentId ?? refund.id, toRecordedEvent(settled)));
      return true;
    });
  }
}

export type PendingRefundEnd = Omit<ConnectorRefundResult, 'status'> & { status: 'succeeded' | 'failed' };

function followUpTransaction({ kind, authorization, idempotencyKey, sourceId, money, result }: FollowUp): GatewayTransactionEntity {
  return Object.assign(new GatewayTransactionEntity(), {
    id: newId('gtx'),
    merchantId: authorization.merchantId,
    livemode: authorization.livemode,
    connector: authorization.connector,
    gatewayAccountId: authorization.gatewayAccountId,
    kind,
    idempotencyKey,
    sourceId,
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
    upi: null,
    gatewayReference: result.externalReference,
    customerAction: null,
    ...feeColumns(feeAnswerOf(kind, result)),
    createdAt: new Date(),
  } satisfies GatewayTransactionEntity);
}

/**
 * Only a capture that succeeded cost anything; a void moved no money. A refund's balance transaction is kept
 * when the gateway converted it (for how it was paid out in the settlement currency), never as a payment's cost.
 */
function feeAnswerOf(kind: FollowUp['kind'], result: FollowUp['result']): Pick<ConnectorSettleResult, 'gatewayFee' | 'gatewayFeeAwaited'> | undefined {
  if (kind === 'capture') return result.status === 'succeeded' ? result : undefined;
  return kind === 'refund' && result.status !== 'failed' ? convertedPayoutOf(result) : undefined;
}

/** A refund's balance transaction as the fee columns keep it: only when the gateway converted the refund. */
function convertedPayoutOf(result: Pick<ConnectorRefundResult, 'gatewayFee'>): Pick<ConnectorSettleResult, 'gatewayFee'> | undefined {
  return result.gatewayFee?.settlement ? { gatewayFee: result.gatewayFee } : undefined;
}
