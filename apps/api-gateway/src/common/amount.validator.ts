import { applyDecorators } from '@nestjs/common';
import { checkAmount, type AmountViolation } from '@payrail/domain';
import type { ValidationErrorContext } from '@payrail/errors';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { ToInteger } from './transforms.js';

/** The constraint an `IsAmount` property is registered under for "a whole number" (the API reference reads it). */
export const AMOUNT_IS_INTEGER = 'amountIsInteger';

/** One constraint per way an amount can be wrong, so that each is reported with its own error code. */
const CONSTRAINT_BY_CODE: Record<AmountViolation['code'], string> = {
  parameter_invalid: AMOUNT_IS_INTEGER,
  amount_too_small: 'amountAtLeastOne',
  amount_too_large: 'amountAtMost',
};

/**
 * An amount in minor units, checked by the domain's rule: "Invalid integer: \"1e3\"", `amount_too_small`
 * below 1, `amount_too_large` above the maximum of the currency sent beside it in `currencyProperty`
 * (or, without one, above the ceiling common to all currencies, so that services only ever see safe
 * integers). The three constraints exclude one another: exactly one of them fails for a bad amount.
 */
export function IsAmount(options: { currencyProperty?: string } = {}) {
  const violationOf = (args: ValidationArguments) => checkAmount(args.value, currencyOf(args.object, options.currencyProperty));
  const constraints = Object.entries(CONSTRAINT_BY_CODE).map(
    ([code, name]): PropertyDecorator =>
      (target, propertyName) =>
        registerDecorator({
          name,
          target: target.constructor,
          propertyName: String(propertyName),
          options: { context: { errorCode: code } as ValidationErrorContext, message: (args: ValidationArguments) => violationOf(args)?.message ?? '' },
          validator: { validate: (_value: unknown, args?: ValidationArguments) => violationOf(args!)?.code !== code },
        }),
  );
  return applyDecorators(ToInteger(), ...constraints);
}

function currencyOf(dto: object, property: string | undefined): string | undefined {
  const currency = property ? (dto as Record<string, unknown>)[property] : undefined;
  return typeof currency === 'string' ? currency : undefined;
}
