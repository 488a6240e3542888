import type { RoutingRuleFields } from '@payrail/contracts';
import { isKnownCurrency, normalizeCurrency } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import { checkMetadata } from '../gateway-accounts/gateway-account.params.js';

export const MAX_PRIORITY = 1_000_000;

/** A rule's conditions and targets, checked for shape; whether the accounts can take them is checked against the accounts. */
export interface CheckedRuleFields {
  priority?: number;
  paymentMethodTypes?: string[];
  currencies?: string[];
  amountMin?: number | null;
  amountMax?: number | null;
  matchMetadata?: Record<string, string>;
  gatewayAccountId?: string;
  fallbackGatewayAccountIds?: string[];
}

const invalid = (param: string, message: string) => new PayrailError('parameter_invalid', message, { param });

/** Shapes only, each fault named by its parameter; absent fields stay absent. */
export function checkRuleFields(params: RoutingRuleFields): CheckedRuleFields {
  const checked: CheckedRuleFields = {};
  if (params.priority !== undefined) {
    if (!Number.isSafeInteger(params.priority) || params.priority < 0 || params.priority > MAX_PRIORITY) {
      throw invalid('priority', `Invalid priority: must be an integer from 0 to ${MAX_PRIORITY}.`);
    }
    checked.priority = params.priority;
  }
  if (params.payment_method_types !== undefined) {
    checked.paymentMethodTypes = distinct(params.payment_method_types, 'payment_method_types', (type) => /^[a-z][a-z0-9_]{0,63}$/.test(type), 'a payment method type such as card');
  }
  if (params.currencies !== undefined) {
    checked.currencies = distinct(params.currencies.map((code) => (typeof code === 'string' ? code.toLowerCase() : code)), 'currencies', (code) => isKnownCurrency(code), 'an ISO 4217 currency code').map(normalizeCurrency);
  }
  if (params.amount_min !== undefined) checked.amountMin = amountBound(params.amount_min, 'amount_min');
  if (params.amount_max !== undefined) checked.amountMax = amountBound(params.amount_max, 'amount_max');
  if (params.match_metadata !== undefined) {
    try {
      checked.matchMetadata = checkMetadata(params.match_metadata);
    } catch (error) {
      if (error instanceof PayrailError && error.param) throw invalid(error.param.replace(/^metadata/, 'match_metadata'), error.message.replace(/metadata/, 'match_metadata'));
      throw error;
    }
  }
  if (params.gateway_account !== undefined) {
    if (typeof params.gateway_account !== 'string' || params.gateway_account === '') throw invalid('gateway_account', 'Invalid gateway_account: must be a gateway account id (ga_…).');
    checked.gatewayAccountId = params.gateway_account;
  }
  if (params.fallback_gateway_accounts !== undefined) {
    checked.fallbackGatewayAccountIds = distinct(params.fallback_gateway_accounts, 'fallback_gateway_accounts', (id) => id !== '', 'a gateway account id (ga_…)');
  }
  return checked;
}

function distinct(values: unknown[], param: string, valid: (value: string) => boolean, what: string): string[] {
  values.forEach((value, index) => {
    if (typeof value !== 'string' || !valid(value)) throw invalid(`${param}[${index}]`, `Invalid ${param}[${index}]: must be ${what}.`);
  });
  const strings = values as string[];
  const repeated = strings.findIndex((value, index) => strings.indexOf(value) !== index);
  if (repeated !== -1) throw invalid(`${param}[${repeated}]`, `Invalid ${param}[${repeated}]: ${strings[repeated]} is listed twice.`);
  return strings;
}

function amountBound(value: unknown, param: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid(param, `Invalid ${param}: must be a whole number of minor units, 0 or more.`);
  return value;
}
