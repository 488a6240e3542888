import type { Caller, PricingPlanResource } from '@payrail/contracts';
import { DEFAULT_CARD_PRICE } from './pricing-plan.js';
import type { PricingPlanVersion } from './pricing-plans.repository.js';

export function toPricingPlanResource(caller: Caller, plan: PricingPlanVersion): PricingPlanResource {
  return {
    object: 'pricing_plan',
    rows: plan.rows.map((row) => ({ method: row.method, currency: row.currency, percent_bps: row.percentBps, fixed_amount: row.fixedAmount })),
    default_price: { percent_bps: DEFAULT_CARD_PRICE.percentBps, fixed_amount: DEFAULT_CARD_PRICE.fixedAmount },
    version: plan.version,
    effective_from: plan.effectiveFrom ? Math.floor(plan.effectiveFrom.getTime() / 1000) : null,
    livemode: caller.livemode,
  };
}
