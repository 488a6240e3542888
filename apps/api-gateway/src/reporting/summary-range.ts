import type { CreatedFilter } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

export const DEFAULT_SUMMARY_DAYS = 30;

/**
 * `created` as the half-open range `[gte, lt)` in unix seconds. Missing bounds default to the last 30 days
 * up to and including the current second; `gt`/`lte` become `gte`/`lt` (timestamps are whole seconds).
 */
export function summaryRange(created: CreatedFilter | undefined, nowSeconds: number): { gte: number; lt: number } {
  if (typeof created === 'number') {
    throw new PayrailError('parameter_invalid', 'created must be a range: created[gte] and created[lt], in unix seconds.', { param: 'created' });
  }
  const lt = created?.lt ?? (created?.lte !== undefined ? created.lte + 1 : nowSeconds + 1);
  const gte = created?.gte ?? (created?.gt !== undefined ? created.gt + 1 : lt - DEFAULT_SUMMARY_DAYS * 86_400);
  if (gte >= lt) {
    throw new PayrailError('parameter_invalid', `The range is empty: created[lt] (${lt}) must be after created[gte] (${gte}).`, { param: faultyBound(created) });
  }
  return { gte: Math.max(gte, 0), lt };
}

/** The bound to blame for an empty range: the upper one the caller sent, else the lower one. */
function faultyBound(created: Exclude<CreatedFilter, number> | undefined): string {
  const sent = (['lt', 'lte', 'gte', 'gt'] as const).find((bound) => created?.[bound] !== undefined);
  return `created[${sent ?? 'gte'}]`;
}
