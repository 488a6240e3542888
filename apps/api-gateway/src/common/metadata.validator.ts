import { registerDecorator, type ValidationOptions } from 'class-validator';
import { validateMetadata } from '@payrail/domain';

/** Stripe's metadata rules: a flat object of at most 50 string values, keys ≤ 40, values ≤ 500 chars. */
export function IsMetadata(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMetadata',
      target: target.constructor,
      propertyName,
      options: { message: 'Invalid metadata: at most 50 keys of up to 40 characters, with string values of up to 500 characters.', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && validateMetadata(value as Record<string, string>).length === 0,
      },
    });
}
