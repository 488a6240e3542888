import { parseReconciliationOffsets } from '@payrail/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A reconciliation schedule setting: increasing durations, comma-separated (`1m,5m,15m,1h,6h,1d,…`). */
export function IsReconciliationSchedule(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReconciliationSchedule',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseReconciliationOffsets(value) !== null,
        defaultMessage: () => '$property must be increasing durations such as 1m,5m,15m,1h,6h,1d,2d,3d,4d,5d,6d,7d (units ms, s, m, h, d)',
      },
    },
    options,
  );
}
