import type { TransferPaymentType } from '@payrail/contracts';
import { currencyExponent } from '@payrail/domain';
import type { TransferSettlementOptions } from '../config/ledger.config.js';

/** How each payment type moves money: at once, or held until it settles; and its fee in major units. */
const RULES: Record<TransferPaymentType, { settlement: 'immediate' | 'ach' | 'wire'; feeMajor: number }> = {
  RTP: { settlement: 'immediate', feeMajor: 0 },
  ACH_CREDIT: { settlement: 'ach', feeMajor: 0 },
  ACH_DEBIT: { settlement: 'ach', feeMajor: 0 },
  WIRE_DOMESTIC: { settlement: 'wire', feeMajor: 25 },
  WIRE_INTERNATIONAL: { settlement: 'wire', feeMajor: 45 },
};

export function isImmediate(type: TransferPaymentType): boolean {
  return RULES[type].settlement === 'immediate';
}

/** The transfer fee in the currency's minor units (a wire costs 25 or 45 of the currency), paid by the sender. */
export function transferFee(type: TransferPaymentType, currency: string): number {
  return RULES[type].feeMajor * 10 ** currencyExponent(currency);
}

/** How long after creation an asynchronous transfer settles (0 for real-time). */
export function settlementDelayMs(type: TransferPaymentType, options: TransferSettlementOptions): number {
  const { settlement } = RULES[type];
  return settlement === 'ach' ? options.achMs : settlement === 'wire' ? options.wireMs : 0;
}
