import { Inject, Injectable } from '@nestjs/common';
import type { Caller, CheckRoutingParams, CheckRoutingResult } from '@payrail/contracts';
import { railOf } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { toRoutingRule } from '../routing-rules/routing-rule.mapper.js';
import { accountsByRules, type PaymentToRoute } from '../routing-rules/routing-rule-matcher.js';
import { RoutingRulesRepository } from '../routing-rules/routing-rules.repository.js';
import { BUILT_IN_SANDBOX_ROUTE, ConnectorRegistry, type ConnectorRoute } from './connector-registry.js';
import { GatewayAccountSource } from './gateway-account-source.js';

/**
 * The accounts a new authorisation may go to, in the order failover tries them: those of the first
 * matching rule that names a usable account (enabled and able to take the payment), primary first;
 * without one, every capable account, oldest first; without any, the built-in sandbox in test mode.
 */
@Injectable()
export class RoutePlanner {
  constructor(
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    @Inject(GatewayAccountSource) private readonly accounts: GatewayAccountSource,
    private readonly rules: RoutingRulesRepository,
  ) {}

  async plan(caller: Caller, payment: PaymentToRoute): Promise<ConnectorRoute[]> {
    const capable = (await this.accounts.enabledAccounts(caller)).filter((account) => this.registry.canTake(account.gateway, payment));
    const byId = new Map(capable.map((account) => [account.id, account]));
    const rules = (await this.rules.findAll(caller)).map(toRoutingRule);
    for (const ids of accountsByRules(rules, payment)) {
      const usable = ids.flatMap((id) => {
        const account = byId.get(id);
        return account ? [{ gateway: account.gateway, gatewayAccountId: account.id }] : [];
      });
      if (usable.length > 0) return usable;
    }
    if (capable.length > 0) return capable.map((account) => ({ gateway: account.gateway, gatewayAccountId: account.id }));
    if (!caller.livemode) return [BUILT_IN_SANDBOX_ROUTE];
    throw new PayrailError(
      'gateway_account_required',
      `No enabled gateway account of this live-mode merchant takes ${payment.paymentMethodType} payments in ${payment.currency.toUpperCase()}: add one with POST /v1/gateway_accounts.`,
    );
  }

  /** Which payment method types some enabled account of the caller (or, in test mode, the sandbox) can take in this currency. */
  async check(caller: Caller, params: CheckRoutingParams): Promise<CheckRoutingResult> {
    const gateways = new Set((await this.accounts.enabledAccounts(caller)).map((account) => account.gateway));
    if (!caller.livemode) gateways.add(BUILT_IN_SANDBOX_ROUTE.gateway);
    const routable = (type: string) => [...gateways].some((gateway) => this.registry.canTake(gateway, { paymentMethodType: railOf(type), currency: params.currency }));
    const answer: CheckRoutingResult = { routable: params.paymentMethodTypes.filter(routable), unroutable: params.paymentMethodTypes.filter((type) => !routable(type)) };
    return params.plan ? { ...answer, paid_at_gateway: await this.paidAtGateway(caller, params, answer.routable, params.plan) } : answer;
  }

  /** The types whose payment would go first to a gateway where the customer pays on its own checkout page. */
  private async paidAtGateway(caller: Caller, params: CheckRoutingParams, types: string[], plan: NonNullable<CheckRoutingParams['plan']>): Promise<string[]> {
    const paid: string[] = [];
    for (const type of types) {
      const rail = railOf(type);
      const [first] = await this.plan(caller, { paymentMethodType: rail, currency: params.currency, amount: plan.amount, metadata: plan.metadata }).catch(() => []);
      if (first && this.registry.paidAtGateway(first.gateway, rail)) paid.push(type);
    }
    return paid;
  }
}
