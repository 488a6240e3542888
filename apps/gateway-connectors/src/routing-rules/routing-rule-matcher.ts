/** A routing rule as matching sees it (lists lower-cased; empty lists match anything). */
export interface RoutingRule {
  id: string;
  priority: number;
  createdAt: Date;
  paymentMethodTypes: readonly string[];
  currencies: readonly string[];
  amountMin: number | null;
  amountMax: number | null;
  matchMetadata: Readonly<Record<string, string>>;
  gatewayAccountId: string;
  fallbackGatewayAccountIds: readonly string[];
}

/** What a rule is matched against: one authorisation. */
export interface PaymentToRoute {
  paymentMethodType: string;
  currency: string;
  /** Minor units. */
  amount: number;
  metadata: Readonly<Record<string, string>>;
}

/** Every condition the rule sets holds for the payment; bounds are inclusive. */
export function ruleMatches(rule: RoutingRule, payment: PaymentToRoute): boolean {
  if (rule.paymentMethodTypes.length > 0 && !rule.paymentMethodTypes.includes(payment.paymentMethodType)) return false;
  if (rule.currencies.length > 0 && !rule.currencies.includes(payment.currency.toLowerCase())) return false;
  if (rule.amountMin !== null && payment.amount < rule.amountMin) return false;
  if (rule.amountMax !== null && payment.amount > rule.amountMax) return false;
  return Object.entries(rule.matchMetadata).every(([key, value]) => payment.metadata[key] === value);
}

/** Evaluation order: lower priority first, then the older rule, then the id, so the order is total. */
export function inEvaluationOrder<R extends Pick<RoutingRule, 'priority' | 'createdAt' | 'id'>>(rules: readonly R[]): R[] {
  return [...rules].sort((a, b) => a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The accounts a payment goes to, in order, by the first matching rule; none when no rule matches. */
export function accountsByRules(rules: readonly RoutingRule[], payment: PaymentToRoute): string[][] {
  return inEvaluationOrder(rules)
    .filter((rule) => ruleMatches(rule, payment))
    .map((rule) => [rule.gatewayAccountId, ...rule.fallbackGatewayAccountIds]);
}
