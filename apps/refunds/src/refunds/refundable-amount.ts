import { Money } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';

export interface RefundableCharge {
  chargeId: string;
  currency: string;
  amountCaptured: number;
  /** Sum of the charge's pending and succeeded refunds. */
  amountReserved: number;
}

/** What is left to refund on a charge. */
export function remainingRefundable(charge: Pick<RefundableCharge, 'amountCaptured' | 'amountReserved'>): number {
  return Math.max(charge.amountCaptured - charge.amountReserved, 0);
}

/**
 * The amount a new refund takes: the requested amount, or everything left when none was asked for.
 * Refused, with Stripe's codes and messages, when nothing is left or the request exceeds what is.
 */
export function refundAmountFor(charge: RefundableCharge, requested: number | undefined): number {
  const remaining = remainingRefundable(charge);
  if (remaining === 0) {
    throw new PayrailError('charge_already_refunded', `Charge ${charge.chargeId} has already been refunded.`, { param: 'charge' });
  }
  if (requested === undefined) return remaining;
  if (requested > remaining) {
    throw new PayrailError(
      'amount_too_large',
      `Refund amount (${formatMoney(requested, charge.currency)}) is greater than unrefunded amount on charge (${formatMoney(remaining, charge.currency)})`,
      { param: 'amount' },
    );
  }
  return requested;
}

function formatMoney(amount: number, currency: string): string {
  return Money.format(amount, currency);
}
