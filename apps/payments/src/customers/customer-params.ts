import type { CreateCustomerParams, ListCustomersParams, Metadata, TimestampRange, UpdateCustomerParams } from '@payrail/contracts';
import { validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import type { CustomerFields } from './customers.repository.js';

/** Stripe's limits on a customer's text fields. */
export const CUSTOMER_FIELD_LIMITS = { email: 512, name: 256, phone: 20, description: 350 } as const;

type TextField = keyof typeof CUSTOMER_FIELD_LIMITS;
const TEXT_FIELDS = Object.keys(CUSTOMER_FIELD_LIMITS) as TextField[];

/** The text fields a create or update sets: `''` unsets one (null), a missing one is left alone. */
export function textFields(params: CreateCustomerParams | UpdateCustomerParams): CustomerFields {
  const fields: CustomerFields = {};
  for (const field of TEXT_FIELDS) {
    const value: unknown = params[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > CUSTOMER_FIELD_LIMITS[field]) {
      throw new PayrailError('parameter_invalid', `Invalid ${field}: must be a string of at most ${CUSTOMER_FIELD_LIMITS[field]} characters.`, { param: field });
    }
    if (field === 'email' && value !== '' && !/^[^\s@]+@[^\s@]+$/.test(value)) {
      throw new PayrailError('parameter_invalid', 'Invalid email address.', { param: 'email' });
    }
    fields[field] = value === '' ? null : value;
  }
  return fields;
}

/** Stripe's metadata update: keys merge, `''` removes a key, `metadata: ''` removes them all. */
export function mergedMetadata(current: Metadata, update: Metadata | '' | undefined): Metadata {
  if (update === undefined) return current;
  if (update === '') return {};
  assertMetadata(update);
  const merged: Metadata = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  assertMetadata(merged);
  return merged;
}

export function assertMetadata(metadata: unknown): asserts metadata is Metadata {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new PayrailError('parameter_invalid', 'Invalid metadata: must be an object of string values.', { param: 'metadata' });
  }
  const [violation] = validateMetadata(metadata as Record<string, unknown>);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
}

export function checkListFilters(params: ListCustomersParams): void {
  if (params.email !== undefined && typeof params.email !== 'string') {
    throw new PayrailError('parameter_invalid', 'Invalid email: must be a string.', { param: 'email' });
  }
  if (params.created === undefined || isTimestamp(params.created)) return;
  const range = params.created as TimestampRange;
  const bounds = typeof range === 'object' && range !== null ? Object.entries(range) : [];
  if (bounds.length === 0 || !bounds.every(([bound, value]) => ['gt', 'gte', 'lt', 'lte'].includes(bound) && isTimestamp(value))) {
    throw new PayrailError('parameter_invalid', 'Invalid created: give a unix timestamp or a range of gt, gte, lt and lte.', { param: 'created' });
  }
}

function isTimestamp(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < 253402300800;
}
