import { Injectable, Logger } from '@nestjs/common';
import type { GatewayCallbackEntity } from '../callbacks/gateway-callback.entity.js';
import { GatewayCallbacksRepository } from '../callbacks/gateway-callbacks.repository.js';
import type { GatewayTransactionEntity } from '../transactions/gateway-transaction.entity.js';
import { GatewayTransactionsRepository } from '../transactions/gateway-transactions.repository.js';

/** A callback may come before the lost answer is given up on (a timeout takes up to 30 s; a customer pays in 10). */
const EARLIEST_CALLBACK_MS = 120_000;
const STK_EVENT = 'stk:';

export interface EarlierCallback {
  pending: GatewayTransactionEntity;
  /** The receipt of a successful callback that came before the push's answer was recorded. */
  receipt?: string;
}

/**
 * M-Pesa STK pushes answered late or never. A callback naming the attempt that came while Daraja's answer
 * was still awaited is recorded without acting (MpesaCallbacksService). This finds it once the answer is
 * recorded and, when the answer was lost, gives the push that callback's CheckoutRequestID; the STK query
 * then confirms it with Daraja before anything is settled.
 */
@Injectable()
export class LostStkPushes {
  private readonly logger = new Logger(LostStkPushes.name);

  constructor(
    private readonly callbacks: GatewayCallbacksRepository,
    private readonly transactions: GatewayTransactionsRepository,
  ) {}

  /** The push (with the CheckoutRequestID of an earlier callback about it, if its answer was lost) and that callback's receipt. */
  async earlierCallback(pending: GatewayTransactionEntity): Promise<EarlierCallback> {
    if (pending.connector !== 'mpesa' || pending.outcome !== 'pending' || !pending.gatewayAccountId) return { pending };
    if (pending.gatewayReference !== null) {
      const callback = await this.callbacks.findByEvent(pending.gatewayAccountId, `${STK_EVENT}${pending.gatewayReference}`);
      return { pending, ...receiptOf(callback) };
    }
    const account = { id: pending.gatewayAccountId, merchantId: pending.merchantId, livemode: pending.livemode };
    const since = new Date(pending.createdAt.getTime() - EARLIEST_CALLBACK_MS);
    for (const callback of await this.callbacks.findStkCallbacks(account.id, pending.sourceId, since)) {
      const checkoutRequestId = callback.gatewayEventId.slice(STK_EVENT.length);
      // Another attempt's push, whose CheckoutRequestID is known: not this one.
      if (await this.transactions.findByGatewayReference(account, 'authorization', checkoutRequestId)) continue;
      if (!(await this.transactions.adoptGatewayReference(pending.id, checkoutRequestId))) break;
      this.logger.log(`${pending.sourceId}: the callback that came before its lost STK push answer gave it CheckoutRequestID ${checkoutRequestId}`);
      return { pending: { ...pending, gatewayReference: checkoutRequestId }, ...receiptOf(callback) };
    }
    return { pending: (await this.transactions.findByIdempotencyKey(pending.idempotencyKey)) ?? pending };
  }
}

function receiptOf(callback: GatewayCallbackEntity | null): { receipt?: string } {
  const receipt = callback?.outcome?.kind === 'payment_succeeded' ? callback.outcome.receipt : undefined;
  return receipt ? { receipt } : {};
}
