import { validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import type { ConnectorFactory } from '../routing/payment-connector.js';

const MAX_SECRET_LENGTH = 1024;

/**
 * Checks a credential set against what the gateway needs, naming the field at fault as
 * `credentials[field]`, then lets the gateway's factory judge the values' shape. No message ever
 * repeats a value: these are secrets.
 */
export function checkCredentials(factory: ConnectorFactory, credentials: unknown, livemode: boolean): Record<string, string> {
  const given = credentials ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new PayrailError('parameter_invalid', 'Invalid credentials: must be an object of string values.', { param: 'credentials' });
  }
  const entries = Object.entries(given as Record<string, unknown>);
  const optional = factory.optionalCredentialFields ?? [];
  for (const [field, value] of entries) {
    if (!factory.credentialFields.includes(field) && !optional.includes(field)) {
      const expected = factory.credentialFields.length ? `it takes ${factory.credentialFields.map((name) => `credentials[${name}]`).join(', ')}` : 'it takes none';
      throw new PayrailError('parameter_unknown', `Received unknown parameter: credentials[${field}]. The ${factory.gateway} gateway does not take it: ${expected}.`, {
        param: `credentials[${field}]`,
      });
    }
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SECRET_LENGTH || value.trim() !== value) {
      throw new PayrailError('parameter_invalid', `Invalid credentials[${field}]: must be a non-empty string of at most ${MAX_SECRET_LENGTH} characters without surrounding spaces.`, {
        param: `credentials[${field}]`,
      });
    }
  }
  const checked = Object.fromEntries(entries) as Record<string, string>;
  for (const field of factory.credentialFields) {
    if (!(field in checked)) {
      throw new PayrailError('parameter_missing', `Missing required param: credentials[${field}].`, { param: `credentials[${field}]` });
    }
  }
  factory.validateCredentials(checked, livemode);
  return checked;
}

export function checkWebhookSecret(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > MAX_SECRET_LENGTH || value.trim() !== value) {
    throw new PayrailError('parameter_invalid', `Invalid webhook_secret: must be a string of at most ${MAX_SECRET_LENGTH} characters without surrounding spaces.`, {
      param: 'webhook_secret',
    });
  }
  return value;
}

export function checkEnabled(value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new PayrailError('parameter_invalid', 'Invalid enabled: must be a boolean.', { param: 'enabled' });
}

/** Stripe's metadata rules; merged into `current` when given (an empty value unsets its key). */
export function checkMetadata(value: unknown, current: Record<string, string> = {}): Record<string, string> {
  if (value === undefined) return current;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PayrailError('parameter_invalid', 'Invalid metadata: must be an object of string values.', { param: 'metadata' });
  }
  const given = value as Record<string, unknown>;
  const merged: Record<string, string> = { ...current };
  for (const [key, entry] of Object.entries(given)) {
    if (entry === '') delete merged[key];
    else merged[key] = entry as string;
  }
  const [violation] = [...validateMetadata(given), ...validateMetadata(merged)];
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
  return merged;
}
