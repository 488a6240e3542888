import type { ListParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

/** The edge validates these; a service checks them again because any caller on the bus can send them. */
export function checkPageParams(params: ListParams): void {
  if (params.limit !== undefined && (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > 100)) {
    throw new PayrailError('parameter_invalid', 'Invalid limit: must be an integer from 1 to 100.', { param: 'limit' });
  }
  for (const cursor of ['starting_after', 'ending_before'] as const) {
    if (params[cursor] !== undefined && typeof params[cursor] !== 'string') {
      throw new PayrailError('parameter_invalid', `Invalid ${cursor}.`, { param: cursor });
    }
  }
  if (params.starting_after !== undefined && params.ending_before !== undefined) {
    throw new PayrailError('parameter_invalid', 'You may only specify one of these parameters: starting_after, ending_before.', { param: 'ending_before' });
  }
}
