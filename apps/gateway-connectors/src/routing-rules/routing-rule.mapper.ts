import type { RoutingRuleResource } from '@payrail/contracts';
import type { RoutingRule } from './routing-rule-matcher.js';
import type { RoutingRuleEntity } from './routing-rule.entity.js';

export function toRoutingRuleResource(entity: RoutingRuleEntity): RoutingRuleResource {
  return {
    id: entity.id,
    object: 'routing_rule',
    livemode: entity.livemode,
    priority: entity.priority,
    payment_method_types: entity.paymentMethodTypes,
    currencies: entity.currencies,
    amount_min: entity.amountMin,
    amount_max: entity.amountMax,
    match_metadata: entity.matchMetadata,
    gateway_account: entity.gatewayAccountId,
    fallback_gateway_accounts: entity.fallbackGatewayAccountIds,
    metadata: entity.metadata,
    created: Math.floor(entity.createdAt.getTime() / 1000),
    updated: Math.floor(entity.updatedAt.getTime() / 1000),
  };
}

export function toRoutingRule(entity: RoutingRuleEntity): RoutingRule {
  return {
    id: entity.id,
    priority: entity.priority,
    createdAt: entity.createdAt,
    paymentMethodTypes: entity.paymentMethodTypes,
    currencies: entity.currencies,
    amountMin: entity.amountMin,
    amountMax: entity.amountMax,
    matchMetadata: entity.matchMetadata,
    gatewayAccountId: entity.gatewayAccountId,
    fallbackGatewayAccountIds: entity.fallbackGatewayAccountIds,
  };
}
