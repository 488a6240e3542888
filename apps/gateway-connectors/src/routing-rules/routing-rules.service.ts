import { Inject, Injectable } from '@nestjs/common';
import type {
  Caller,
  CreateRoutingRuleParams,
  DeletedRoutingRuleResource,
  ListResource,
  ListRoutingRulesParams,
  RoutingRuleResource,
  UpdateRoutingRuleParams,
} from '@payrail/contracts';
import { newId } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { checkMetadata } from '../gateway-accounts/gateway-account.params.js';
import { GatewayAccountsRepository } from '../gateway-accounts/gateway-accounts.repository.js';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import { toRoutingRuleResource } from './routing-rule.mapper.js';
import { checkRuleFields, MAX_PRIORITY, type CheckedRuleFields } from './routing-rule.params.js';
import { RoutingRuleEntity } from './routing-rule.entity.js';
import { RoutingRulesRepository } from './routing-rules.repository.js';

const MAX_PAGE_SIZE = 100;
/** A new rule without a priority goes after the caller's last one, with room to insert between. */
const PRIORITY_STEP = 10;

type RuleTargets = Pick<RoutingRuleEntity, 'paymentMethodTypes' | 'currencies' | 'gatewayAccountId' | 'fallbackGatewayAccountIds'>;

/** A merchant's routing rules, in the caller's mode: every account a rule names is the caller's, enabled, and able to take what the rule matches. */
@Injectable()
export class RoutingRulesService {
  constructor(
    private readonly rules: RoutingRulesRepository,
    private readonly accounts: GatewayAccountsRepository,
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
  ) {}

  async create(caller: Caller, params: CreateRoutingRuleParams): Promise<RoutingRuleResource> {
    const fields = checkRuleFields(params);
    if (fields.gatewayAccountId === undefined) throw new PayrailError('parameter_missing', 'Missing required param: gateway_account.', { param: 'gateway_account' });
    const metadata = checkMetadata(params.metadata);
    const highest = fields.priority === undefined ? await this.rules.highestPriority(caller) : null;
    const now = new Date();
    const rule = Object.assign(new RoutingRuleEntity(), {
      id: newId('rr'),
      merchantId: caller.merchantId,
      livemode: caller.livemode,
      priority: fields.priority ?? Math.min(highest === null ? 0 : highest + PRIORITY_STEP, MAX_PRIORITY),
      paymentMethodTypes: fields.paymentMethodTypes ?? [],
      currencies: fields.currencies ?? [],
      amountMin: fields.amountMin ?? null,
      amountMax: fields.amountMax ?? null,
      matchMetadata: fields.matchMetadata ?? {},
      gatewayAccountId: fields.gatewayAccountId,
      fallbackGatewayAccountIds: fields.fallbackGatewayAccountIds ?? [],
      metadata,
      createdAt: now,
      updatedAt: now,
    } satisfies RoutingRuleEntity);
    checkAmountRange(rule);
    await this.checkTargets(caller, rule);
    await this.rules.insert(rule);
    return toRoutingRuleResource(rule);
  }

  async retrieve(caller: Caller, id: string): Promise<RoutingRuleResource> {
    return toRoutingRuleResource(await this.owned(caller, id));
  }

  /** Fields given replace the rule's (the whole rule is checked again); `metadata` is merged. */
  async update(caller: Caller, params: UpdateRoutingRuleParams): Promise<RoutingRuleResource> {
    const current = await this.owned(caller, params.id);
    const fields: CheckedRuleFields = checkRuleFields(params);
    const next = { ...current, ...definedOnly(fields), metadata: checkMetadata(params.metadata, current.metadata) };
    checkAmountRange(next);
    await this.checkTargets(caller, next);
    const { id: _id, merchantId: _merchant, livemode: _mode, createdAt: _created, updatedAt: _updated, ...change } = next;
    const updated = await this.rules.update(caller, current.id, change);
    if (!updated) throw PayrailError.notFound('routing_rule', params.id, 'id');
    return toRoutingRuleResource(updated);
  }

  async list(caller: Caller, params: ListRoutingRulesParams): Promise<ListResource<RoutingRuleResource>> {
    if (params.limit !== undefined && (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > MAX_PAGE_SIZE)) {
      throw new PayrailError('parameter_invalid', `Invalid limit: must be an integer from 1 to ${MAX_PAGE_SIZE}.`, { param: 'limit' });
    }
    if (params.starting_after !== undefined && params.ending_before !== undefined) {
      throw new PayrailError('parameter_invalid', 'You may only specify one of these parameters: ending_before, starting_after.', { param: 'ending_before' });
    }
    const page = await this.rules.list(caller, params);
    if (page.cursorMissing) throw PayrailError.notFound('routing_rule', page.cursorMissing, params.starting_after ? 'starting_after' : 'ending_before');
    return { object: 'list', data: page.data.map(toRoutingRuleResource), has_more: page.hasMore, url: '/v1/routing_rules' };
  }

  async delete(caller: Caller, id: string): Promise<DeletedRoutingRuleResource> {
    if (!(await this.rules.delete(caller, id))) throw PayrailError.notFound('routing_rule', id, 'id');
    return { id, object: 'routing_rule', deleted: true };
  }

  private async owned(caller: Caller, id: string): Promise<RoutingRuleEntity> {
    const rule = await this.rules.findOwned(caller, id);
    if (!rule) throw PayrailError.notFound('routing_rule', id, 'id');
    return rule;
  }

  /** Each named account: the caller's own (another merchant's is simply unknown), enabled, and able to take every type and currency the rule lists. */
  private async checkTargets(caller: Caller, rule: RuleTargets): Promise<void> {
    const targets = [
      { id: rule.gatewayAccountId, param: 'gateway_account' },
      ...rule.fallbackGatewayAccountIds.map((id, index) => ({ id, param: `fallback_gateway_accounts[${index}]` })),
    ];
    const primaryAgain = rule.fallbackGatewayAccountIds.indexOf(rule.gatewayAccountId);
    if (primaryAgain !== -1) {
      throw new PayrailError('parameter_invalid', `Invalid fallback_gateway_accounts[${primaryAgain}]: it is already the rule's gateway_account.`, { param: `fallback_gateway_accounts[${primaryAgain}]` });
    }
    for (const { id, param } of targets) {
      const account = await this.accounts.findOwned(caller, id);
      if (!account) throw new PayrailError('parameter_invalid', `No such gateway account: '${id}'.`, { param });
      if (!account.enabled) throw new PayrailError('parameter_invalid', `Gateway account ${id} is disabled: enable it before routing payments to it.`, { param });
      const types = rule.paymentMethodTypes.length > 0 ? rule.paymentMethodTypes : [];
      const currencies = rule.currencies.length > 0 ? rule.currencies : [];
      const capabilities = this.registry.factory(account.gateway).capabilities;
      const missingType = types.find((type) => !capabilities.paymentMethodTypes.includes(type));
      if (missingType) throw new PayrailError('parameter_invalid', `Gateway account ${id} (${account.gateway}) cannot take ${missingType} payments, which this rule matches.`, { param });
      const missingCurrency = currencies.find((currency) => !capabilities.currencies.includes('*') && !capabilities.currencies.includes(currency));
      if (missingCurrency) {
        throw new PayrailError('parameter_invalid', `Gateway account ${id} (${account.gateway}) cannot take payments in ${missingCurrency.toUpperCase()}, which this rule matches.`, { param });
      }
    }
  }
}

function checkAmountRange(rule: Pick<RoutingRuleEntity, 'amountMin' | 'amountMax'>): void {
  if (rule.amountMin !== null && rule.amountMax !== null && rule.amountMin > rule.amountMax) {
    throw new PayrailError('parameter_invalid', 'Invalid amount_max: must be at least amount_min.', { param: 'amount_max' });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
