/** The payment methods a pricing plan row can name; `*` matches any. */
export const PRICING_METHODS = ['*', 'card', 'mpesa'] as const;
export type PricingMethod = (typeof PRICING_METHODS)[number];

/** A price: a percentage in basis points (290 = 2.90 %) plus a fixed amount in the currency's minor units. */
export class PricingPlanPrice {
  percent_bps: number;
  fixed_amount: number;
}

/** One row of a plan: the price of a method in a currency, `*` for any. The most specific row matching a charge wins, method before currency. */
export class PricingPlanRow extends PricingPlanPrice {
  /** `card`, `mpesa` or `*`. */
  method: string;
  /** Lowercase ISO 4217 code or `*`. */
  currency: string;
}

/**
 * Payrail's own resource (Stripe has none): what the merchant pays Payrail per charge. Each charge's balance
 * transaction records the fee of the plan in force when the charge succeeded; replacing the plan never
 * changes a recorded fee.
 */
export class PricingPlanResource {
  object: 'pricing_plan';
  rows: PricingPlanRow[];
  /** What a charge that no row matches pays. */
  default_price: PricingPlanPrice;
  /** 0 until the plan is first set, then 1, 2, … for each replacement. */
  version: number;
  /** Unix seconds from which this version applies to succeeded charges; null while the merchant has never had a plan. */
  effective_from: number | null;
  livemode: boolean;
}

/** What the merchant's charges cost the platform at one gateway. */
export class GatewayCostTally {
  /** The connector: `stripe`, `razorpay`, `mpesa`, `sandbox`. */
  gateway: string;
  count: number;
  /**
   * Minor units of the row's currency (the charges'). A fee the gateway took in another currency (Stripe's, in
   * the account's settlement currency) counts here converted at the rate the gateway recorded, rounded half-up.
   */
  amount: number;
}

/** One currency: what the merchant paid Payrail in fees against what its charges cost at the gateways. */
export class PricingCostsCurrency {
  currency: string;
  /** Fees the merchant paid (its pricing plan), as its reporting summary shows them. */
  fees: number;
  gateway_costs: GatewayCostTally[];
  /** `fees` less every gateway cost. */
  margin: number;
}

/** A half-open range of unix seconds, `[gte, lt)`. */
export class PricingCostsRange {
  gte: number;
  lt: number;
}

/**
 * The platform operator's view of one merchant over `[created.gte, created.lt)`: fees earned against gateway
 * costs. The merchant never sees gateway costs (its summary shows what it paid Payrail).
 */
export class PricingCostsResource {
  object: 'pricing_costs';
  created: PricingCostsRange;
  currencies: PricingCostsCurrency[];
  livemode: boolean;
}
