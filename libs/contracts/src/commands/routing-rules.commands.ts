import type { ListParams, Metadata } from '../resources/list.js';

/**
 * What a routing rule matches (every condition given must hold; an absent one matches anything) and
 * where a matched payment goes: `gateway_account` first, then `fallback_gateway_accounts` in order.
 */
export interface RoutingRuleFields {
  priority?: number;
  payment_method_types?: string[];
  currencies?: string[];
  /** Inclusive bounds in the payment's minor units. */
  amount_min?: number;
  amount_max?: number;
  /** Each key must equal the payment intent's metadata value. */
  match_metadata?: Metadata;
  gateway_account?: string;
  fallback_gateway_accounts?: string[];
  metadata?: Metadata;
}

export type CreateRoutingRuleParams = RoutingRuleFields;

/** Lists and conditions given replace the rule's; `metadata` is merged (an empty value unsets a key). */
export interface UpdateRoutingRuleParams extends RoutingRuleFields {
  id: string;
}

export type ListRoutingRulesParams = ListParams;

/** Which of these payment method types the caller can route in this currency today (payments asks before accepting an intent). */
export interface CheckRoutingParams {
  paymentMethodTypes: string[];
  currency: string;
  /** Given, the answer also says which types the customer would pay on a gateway's own checkout page. */
  plan?: { amount: number; metadata: Record<string, string> };
}

export interface CheckRoutingResult {
  routable: string[];
  unroutable: string[];
  /** With `plan`: the routable types whose payment would go first to such a gateway (Razorpay Checkout). */
  paid_at_gateway?: string[];
}
