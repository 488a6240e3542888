import type { TimestampRange } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `from_date`/`to_date` as a `created` range in unix seconds. A bare day is a whole UTC day, so
 * `to_date=2026-06-18` includes all of the 18th; a time without a zone is UTC too.
 */
export function documentRange(from: string | undefined, to: string | undefined): TimestampRange | undefined {
  if (from === undefined && to === undefined) return undefined;
  const range: TimestampRange = {};
  if (from !== undefined) range.gte = seconds(from, 'from_date');
  if (to !== undefined) range.lt = DAY_ONLY.test(to) ? seconds(to, 'to_date') + 86_400 : seconds(to, 'to_date') + 1;
  if (range.gte !== undefined && range.lt !== undefined && range.gte >= range.lt) {
    throw new PayrailError('parameter_invalid', 'to_date must not be before from_date', { param: 'to_date' });
  }
  return range;
}

function seconds(value: string, param: string): number {
  const iso = value.replace(' ', 'T');
  const zoned = DAY_ONLY.test(iso) || /(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`;
  const millis = Date.parse(DAY_ONLY.test(iso) ? `${iso}T00:00:00Z` : zoned);
  if (Number.isNaN(millis)) throw new PayrailError('parameter_invalid', `${param} is not a valid date`, { param });
  return Math.floor(millis / 1000);
}
