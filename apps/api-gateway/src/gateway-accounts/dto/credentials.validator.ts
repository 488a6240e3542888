import { registerDecorator, type ValidationOptions } from 'class-validator';

const MAX_FIELDS = 10;
const MAX_LENGTH = 1024;

/**
 * `credentials[field]=…`: a flat object of short strings. Which fields a gateway needs, and their shape,
 * gateway-connectors judges; the message never repeats a value, as every one is a secret.
 */
export function IsCredentials(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCredentials',
      target: target.constructor,
      propertyName,
      options: { message: `must be an object of at most ${MAX_FIELDS} fields with string values of up to ${MAX_LENGTH} characters, such as credentials[secret_key]`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_FIELDS &&
          Object.values(value).every((entry) => typeof entry === 'string' && entry.length <= MAX_LENGTH),
      },
    });
}
