import type { ListParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

export const MAX_PAGE_SIZE = 100;

/** The edge validates these too; a service reached over the bus by anything else checks them again. */
export function checkListParams(params: ListParams): void {
  if (params.limit !== undefined && (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > MAX_PAGE_SIZE)) {
    throw new PayrailError('parameter_invalid', `Invalid limit: must be an integer from 1 to ${MAX_PAGE_SIZE}.`, { param: 'limit' });
  }
  for (const param of ['starting_after', 'ending_before'] as const) {
    if (params[param] !== undefined && (typeof params[param] !== 'string' || params[param] === '')) {
      throw new PayrailError('parameter_invalid', `Invalid ${param}: must be an object id.`, { param });
    }
  }
  if (params.starting_after !== undefined && params.ending_before !== undefined) {
    throw new PayrailError('parameter_invalid', 'You may only specify one of these parameters: ending_before, starting_after.', { param: 'ending_before' });
  }
}
