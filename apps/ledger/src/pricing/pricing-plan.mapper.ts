import type { Caller, PricingPlanResource } from '@payrail/contracts';
import { DEFAULT_CARD_PRICE, type PriceRow } from './pricing-plan.js';
import type { PricingPlanVersion } from './pricing-plans.repository.js';

/** Code-point order, as the repository reads rows back (`COLLATE "C"`): `*` before any name. */
const byMethodThenCurrency = (a: PriceRow, b: PriceRow) => compare(a.method, b.method) || compare(a.currency, b.currency);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows in one order whether the plan was just replaced or read back. */
export function toPricingPlanResource(caller: Caller, plan: PricingPlanVersion): PricingPlanResource {
  return {
    object: 'pricing_plan',
    rows: [...plan.rows].sort(byMethodThenCurrency).map((row) => ({ method: row.method, currency: row.currency, percent_bps: row.percentBps, fixed_amount: row.fixedAmount })),
    default_price: { percent_bps: DEFAULT_CARD_PRICE.percentBps, fixed_amount: DEFAULT_CARD_PRICE.fixedAmount },
    version: plan.version,
    effective_from: plan.effectiveFrom ? Math.floor(plan.effectiveFrom.getTime() / 1000) : null,
    livemode: caller.livemode,
  };
}
