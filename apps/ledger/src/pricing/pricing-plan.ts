/** A price: a percentage in basis points (290 = 2.90 %) plus a fixed amount in the currency's minor units. */
export interface Price {
  percentBps: number;
  fixedAmount: number;
}

/** What a merchant pays when it has no plan of its own for a method and currency: 2.9 % + 30 minor units. */
export const DEFAULT_CARD_PRICE: Price = { percentBps: 290, fixedAmount: 30 };

/** A plan's row: `*` matches any method or currency; the most specific row wins. */
export interface PriceRow extends Price {
  method: string;
  currency: string;
}

export function priceFor(rows: readonly PriceRow[], method: string, currency: string): Price {
  const rank = (row: PriceRow) => (row.method === method ? 2 : 0) + (row.currency === currency ? 1 : 0);
  const matching = rows.filter((row) => (row.method === method || row.method === '*') && (row.currency === currency || row.currency === '*'));
  if (matching.length === 0) return DEFAULT_CARD_PRICE;
  return matching.reduce((best, row) => (rank(row) > rank(best) ? row : best));
}

/**
 * The fee on `amount` minor units: the percentage rounded half up to a whole minor unit, plus the fixed
 * part, never more than the amount itself (a tiny charge does not leave the merchant owing).
 */
export function feeFor(price: Price, amount: number): number {
  const percentage = Math.floor((amount * price.percentBps + 5_000) / 10_000);
  return Math.min(amount, percentage + price.fixedAmount);
}
