import { Injectable } from '@nestjs/common';
import {
  Topics,
  type Caller,
  type ChargeForRefundParams,
  type ChargeForRefundResult,
  type ChargeReceiptParams,
  type ChargeReceiptView,
  type ChargeResource,
  type FailedChargeTally,
  type ListChargesParams,
  type ListResource,
  type RefundsEvent,
  type ReportingSummaryParams,
} from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { Inbox, newEvent } from '@payrail/messaging';
import { tokensEqual } from '../payment-intents/payment-intent-rules.js';
import { PaymentIntentsRepository } from '../payment-intents/payment-intents.repository.js';
import { PaymentLinks } from '../payment-intents/payment-links.js';
import { ChargesRepository } from './charges.repository.js';
import { toChargeReceiptView, toChargeResource } from './charge.mapper.js';

const REFUND_EVENTS_CONSUMER = 'payments.refund-events';

@Injectable()
export class ChargesService {
  constructor(
    private readonly charges: ChargesRepository,
    private readonly intents: PaymentIntentsRepository,
    private readonly inbox: Inbox,
    private readonly links: PaymentLinks,
  ) {}

  async retrieve(caller: Caller, id: string): Promise<ChargeResource> {
    const charge = await this.charges.findOwned(caller, id);
    if (!charge) throw PayrailError.notFound('charge', id, 'id');
    return toChargeResource(charge, this.links);
  }

  async list(caller: Caller, params: ListChargesParams): Promise<ListResource<ChargeResource>> {
    const page = await this.charges.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('charge', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map((charge) => toChargeResource(charge, this.links)), has_more: page.hasMore, url: '/v1/charges' };
  }

  async failedTally(caller: Caller, params: ReportingSummaryParams): Promise<FailedChargeTally> {
    const rows = await this.charges.failedTally(caller, params);
    return { currencies: rows.map((row) => ({ currency: row.currency, failed: { count: Number(row.count), amount: Number(row.amount) } })) };
  }

  /** The public receipt page's data: the token in the receipt URL is the credential; any mismatch is the same 404. */
  async receipt(params: ChargeReceiptParams): Promise<ChargeReceiptView> {
    const charge = typeof params.id === 'string' ? await this.charges.findForReceipt(params.id) : null;
    if (!charge || !tokensEqual(charge.receiptToken, params.token)) throw new PayrailError('resource_missing', 'No such receipt.');
    return toChargeReceiptView(charge);
  }

  /** What refunds needs before it refunds: the captured charge behind a payment intent or charge id. */
  async chargeForRefund(caller: Caller, params: ChargeForRefundParams): Promise<ChargeForRefundResult> {
    let chargeId = params.charge;
    if (params.payment_intent) {
      const intent = await this.intents.findOwned(caller, params.payment_intent);
      if (!intent) throw PayrailError.notFound('payment_intent', params.payment_intent, 'payment_intent');
      if (intent.status !== 'succeeded' || !intent.latestCharge) {
        throw new PayrailError(
          'payment_intent_unexpected_state',
          `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
          { param: 'payment_intent' },
        );
      }
      chargeId = intent.latestCharge;
    }
    const charge = chargeId ? await this.charges.findOwned(caller, chargeId) : null;
    if (!charge) throw PayrailError.notFound('charge', chargeId ?? '', 'charge');
    if (charge.status !== 'succeeded' || Number(charge.amountCaptured) === 0) {
      throw new PayrailError('parameter_invalid', `Charge ${charge.id} has not been captured and cannot be refunded.`, { param: 'charge' });
    }
    return {
      chargeId: charge.id,
      paymentIntentId: charge.paymentIntentId,
      currency: charge.currency,
      amountCaptured: Number(charge.amountCaptured),
      gatewayReference: charge.gatewayReference,
      connector: charge.connector,
    };
  }

  /** Refunds' events that change a charge: a succeeded refund, and a new dispute. */
  async onRefundEvent(event: RefundsEvent): Promise<void> {
    if (event.type === 'charge.dispute.created') return this.onDisputeCreated(event);
    if (event.type === 'refund.created' || event.type === 'refund.updated' || event.type === 'refund.failed') return this.onRefund(event);
  }

  /** The charge shows `disputed: true` from its first dispute on, whatever the dispute's outcome. */
  private async onDisputeCreated(event: Extract<RefundsEvent, { type: 'charge.dispute.created' }>): Promise<void> {
    await this.inbox.handleOnce(REFUND_EVENTS_CONSUMER, event.id, async ({ manager }) => {
      await this.charges.markDisputed(manager, event.data.object.charge);
    });
  }

  /** A succeeded refund lowers what is left on its charge, once, and the merchant hears `charge.refunded`. */
  private async onRefund(event: Extract<RefundsEvent, { type: 'refund.created' | 'refund.updated' | 'refund.failed' }>): Promise<void> {
    const refund = event.data.object;
    if (refund.status !== 'succeeded') return;
    const caller = { merchantId: event.merchantId, livemode: event.livemode };
    await this.inbox.handleOnce(REFUND_EVENTS_CONSUMER, event.id, async ({ manager, publish }) => {
      if (!(await this.charges.applyRefund(manager, refund.charge, refund.id, refund.amount))) return;
      const charge = await this.charges.findById(manager, refund.charge);
      if (!charge) return;
      await publish(Topics.PaymentsEvents, newEvent('charge.refunded', caller, charge.paymentIntentId, toChargeResource(charge, this.links)));
    });
  }
}
