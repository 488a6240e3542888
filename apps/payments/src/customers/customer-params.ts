import type { CreateCustomerParams, Metadata, UpdateCustomerParams } from '@payrail/contracts';
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
    const value = params[field];
    if (value === undefined) continue;
    if (value.length > CUSTOMER_FIELD_LIMITS[field]) {
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

/** Stripe's limits on metadata (its shape is the payload class's to check). */
export function assertMetadata(metadata: Metadata): void {
  const [violation] = validateMetadata(metadata);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
}
