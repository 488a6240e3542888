import { registerDecorator, type ValidationOptions } from 'class-validator';
import { validateMetadata } from '@payrail/domain';

/** An update's metadata: keys to set (an empty value unsets that key), or '' to clear all, as Stripe takes it. */
export function IsMetadataUpdate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMetadataUpdate',
      target: target.constructor,
      propertyName,
      options: { message: 'Invalid metadata: at most 50 keys of up to 40 characters, with string values of up to 500 characters, or an empty string.', ...options },
      validator: {
        validate: (value: unknown) =>
          value === '' ||
          (typeof value === 'object' && value !== null && !Array.isArray(value) && validateMetadata(value as Record<string, string>).length === 0),
      },
    });
}
