import { applyDecorators } from '@nestjs/common';
import { isPaymentMethodType, MAX_PAYMENT_METHOD_TYPES, PAYMENT_METHOD_TYPES } from '@payrail/domain';
import { IsOptional, registerDecorator } from 'class-validator';
import { ToDistinctArray } from '../../common/transforms.js';

/**
 * `payment_method_types` (and its newer name): a list of the types Payrail supports, each once, and
 * only a few. Repeats are dropped rather than refused, since they ask for nothing more.
 */
export const IsPaymentMethodTypes = () => applyDecorators(IsOptional(), ToDistinctArray(), isPaymentMethodTypeList);

const isPaymentMethodTypeList: PropertyDecorator = (target, propertyName) =>
  registerDecorator({
    name: 'isPaymentMethodTypes',
    target: target.constructor,
    propertyName: String(propertyName),
    options: { message: ({ value }) => problemWith(value) ?? '' },
    validator: { validate: (value: unknown) => problemWith(value) === null },
  });

const SHOWN_LENGTH = 40;

function problemWith(types: unknown): string | null {
  if (!Array.isArray(types)) return 'send a list of payment method types.';
  const unsupported = types.findIndex((type) => !isPaymentMethodType(type));
  if (unsupported >= 0) {
    const shown = JSON.stringify(types[unsupported])?.slice(0, SHOWN_LENGTH) ?? String(types[unsupported]);
    return `${shown} is not a payment method type Payrail supports (supported: ${PAYMENT_METHOD_TYPES.join(', ')}).`;
  }
  if (types.length > MAX_PAYMENT_METHOD_TYPES) return `at most ${MAX_PAYMENT_METHOD_TYPES} distinct payment method types can be given.`;
  return null;
}
