/** Shared by the list endpoints that take Stripe's `created` filter (payment intents, charges, events, …). */
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

const BOUNDS = ['gt', 'gte', 'lt', 'lte'];
const toNumber = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
/** 9999-12-31T23:59:59Z: beyond it Postgres cannot hold the time (a larger bound was a 500, found by Schemathesis). */
export const MAX_TIMESTAMP = 253402300799;
const isTimestamp = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TIMESTAMP;

/** `created=T` or `created[gt]=T&created[lte]=U` (query strings carry strings; these become integers). */
export const ToCreatedFilter = () =>
  Transform(({ value }) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([bound, bound_value]) => [bound, toNumber(bound_value)]))
      : toNumber(value),
  );

export function IsCreatedFilter(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCreatedFilter',
      target: target.constructor,
      propertyName,
      options: { message: 'created must be a unix timestamp, or a range with gt, gte, lt or lte.', ...options },
      validator: {
        validate: (value: unknown) => {
          if (isTimestamp(value)) return true;
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length > 0 && entries.every(([bound, timestamp]) => BOUNDS.includes(bound) && isTimestamp(timestamp));
        },
      },
    });
}

// int64: generators make a bare integer 32 bits, which unix seconds outgrow in 2038 (the resources' `created` is int64 too).
const TIMESTAMP_SCHEMA = { type: 'integer', format: 'int64', minimum: 0, maximum: MAX_TIMESTAMP } as const;

/** Documents the filter as it is read: one unix timestamp, or bounds (`created[gt]=T&created[lte]=U`). */
export const ApiCreatedFilter = () =>
  ApiPropertyOptional({
    description: 'Unix seconds: exactly this time, or a range with `created[gt]`, `created[gte]`, `created[lt]`, `created[lte]`.',
    oneOf: [
      TIMESTAMP_SCHEMA,
      { type: 'object', minProperties: 1, additionalProperties: false, properties: { gt: TIMESTAMP_SCHEMA, gte: TIMESTAMP_SCHEMA, lt: TIMESTAMP_SCHEMA, lte: TIMESTAMP_SCHEMA } },
    ],
  });
