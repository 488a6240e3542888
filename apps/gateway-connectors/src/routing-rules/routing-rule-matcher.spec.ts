import { accountsByRules, inEvaluationOrder, ruleMatches, type PaymentToRoute, type RoutingRule } from './routing-rule-matcher.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function rule(id: string, overrides: Partial<RoutingRule> = {}): RoutingRule {
  return {
    id,
    priority: 0,
    createdAt: at(0),
    paymentMethodTypes: [],
    currencies: [],
    amountMin: null,
    amountMax: null,
    matchMetadata: {},
    gatewayAccountId: `ga_${id}`,
    fallbackGatewayAccountIds: [],
    ...overrides,
  };
}

const payment = (overrides: Partial<PaymentToRoute> = {}): PaymentToRoute => ({ paymentMethodType: 'card', currency: 'usd', amount: 5000, metadata: {}, ...overrides });

describe('routing rule matching', () => {
  it('matches anything when the rule sets no condition', () => {
    expect(ruleMatches(rule('any'), payment())).toBe(true);
    expect(ruleMatches(rule('any'), payment({ paymentMethodType: 'upi', currency: 'INR', amount: 1 }))).toBe(true);
  });

  it('holds every condition it sets: type, currency (any case), inclusive amount bounds and metadata equality', () => {
    const strict = rule('strict', { paymentMethodTypes: ['card'], currencies: ['inr', 'usd'], amountMin: 1000, amountMax: 10_000, matchMetadata: { channel: 'web' } });
    const matching = payment({ currency: 'USD', amount: 1000, metadata: { channel: 'web', other: 'x' } });
    expect(ruleMatches(strict, matching)).toBe(true);
    expect(ruleMatches(strict, { ...matching, amount: 10_000 })).toBe(true);
    expect(ruleMatches(strict, { ...matching, amount: 999 })).toBe(false);
    expect(ruleMatches(strict, { ...matching, amount: 10_001 })).toBe(false);
    expect(ruleMatches(strict, { ...matching, paymentMethodType: 'upi' })).toBe(false);
    expect(ruleMatches(strict, { ...matching, currency: 'eur' })).toBe(false);
    expect(ruleMatches(strict, { ...matching, metadata: { channel: 'pos' } })).toBe(false);
    expect(ruleMatches(strict, { ...matching, metadata: {} })).toBe(false);
  });

  it('orders rules by priority, then age, then id', () => {
    const rules = [rule('late', { priority: 5, createdAt: at(1) }), rule('b', { priority: 5, createdAt: at(0) }), rule('a', { priority: 5, createdAt: at(0) }), rule('first', { priority: 1, createdAt: at(9) })];
    expect(inEvaluationOrder(rules).map((each) => each.id)).toEqual(['first', 'a', 'b', 'late']);
  });

  it('gives the accounts of every matching rule in evaluation order, primary before its fallbacks', () => {
    const rules = [
      rule('inr', { priority: 1, currencies: ['inr'], gatewayAccountId: 'ga_razorpay', fallbackGatewayAccountIds: ['ga_stripe'] }),
      rule('big', { priority: 2, amountMin: 100_000, gatewayAccountId: 'ga_stripe_big', fallbackGatewayAccountIds: ['ga_stripe', 'ga_backup'] }),
      rule('all', { priority: 3, gatewayAccountId: 'ga_stripe' }),
    ];
    expect(accountsByRules(rules, payment({ currency: 'inr' }))).toEqual([['ga_razorpay', 'ga_stripe'], ['ga_stripe']]);
    expect(accountsByRules(rules, payment({ amount: 250_000 }))).toEqual([['ga_stripe_big', 'ga_stripe', 'ga_backup'], ['ga_stripe']]);
    expect(accountsByRules(rules.slice(0, 2), payment())).toEqual([]);
  });
});
