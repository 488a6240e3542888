import type { TransferPaymentType } from '@payrail/contracts';
import { currencyExponent } from '@payrail/domain';
import type { TransferSettlementOptions, WireRules } from '../config/ledger.config.js';
import { wireRunStart } from './wire-cutoff.js';

const SETTLEMENT: Record<TransferPaymentType, 'immediate' | 'ach' | 'wire'> = {
  RTP: 'immediate',
  ACH_CREDIT: 'ach',
  ACH_DEBIT: 'ach',
  WIRE_DOMESTIC: 'wire',
  WIRE_INTERNATIONAL: 'wire',
};

export function isImmediate(type: TransferPaymentType): boolean {
  return SETTLEMENT[type] === 'immediate';
}

function wireRules(type: TransferPaymentType, options: TransferSettlementOptions): WireRules | null {
  if (type === 'WIRE_DOMESTIC') return options.wires.domestic;
  if (type === 'WIRE_INTERNATIONAL') return options.wires.international;
  return null;
}

/** The transfer fee in the currency's minor units, paid by the sender: a wire's configured fee (25 or 45 of the currency by default), else none. */
export function transferFee(type: TransferPaymentType, currency: string, options: TransferSettlementOptions): number {
  const rules = wireRules(type, options);
  return rules ? rules.feeMajor * 10 ** currencyExponent(currency) : 0;
}

/**
 * When an asynchronous transfer created at `createdAt` is expected to settle (`createdAt` for real-time):
 * ACH after its window; a wire after its window counted from its run, which is the next business day's
 * when it was created after its cut-off, on a weekend or on a bank holiday.
 */
export function expectedSettlement(type: TransferPaymentType, createdAt: Date, options: TransferSettlementOptions): Date {
  const rules = wireRules(type, options);
  if (rules) return new Date(wireRunStart(createdAt, rules.cutoff, options.wires.timeZone, options.wires.holidays).getTime() + options.wireMs);
  return new Date(createdAt.getTime() + (SETTLEMENT[type] === 'ach' ? options.achMs : 0));
}
