import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { PayrailError } from '@payrail/errors';

/**
 * A JSON `null` where a request DTO takes a parameter is a 400 naming it. class-validator's `@IsOptional()` lets
 * null through as if the field were absent, and the services, which take a missing field and a value, then
 * failed on it with a 500 (found by Schemathesis). Form bodies cannot carry null; Stripe's unset is `''`.
 * Only DTO-typed bodies: gateways' callbacks are raw JSON events, where null is ordinary.
 */
@Injectable()
export class RefuseNullParameters implements PipeTransform {
  transform(value: unknown, { type, metatype }: ArgumentMetadata): unknown {
    if (type !== 'body' || !metatype || [Object, Array, String, Buffer].includes(metatype as never)) return value;
    const param = nullParameter(value, '');
    if (param !== null) throw new PayrailError('parameter_invalid', `Invalid null: ${param} cannot be null. Omit it instead.`, { param });
    return value;
  }
}

/** The first null's name in Stripe's bracket notation (`invoice_settings[default_payment_method]`), or null. */
function nullParameter(value: unknown, path: string): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const name = path ? `${path}[${key}]` : key;
    if (child === null) return name;
    const nested = nullParameter(child, name);
    if (nested !== null) return nested;
  }
  return null;
}
