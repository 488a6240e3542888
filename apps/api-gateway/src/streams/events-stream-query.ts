import { PUBLIC_EVENT_TYPES } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

export interface EventsStreamQuery {
  /** Event types the client wants; empty means every type. */
  types: readonly string[];
  /** Replay what was recorded after this event id before going live. */
  startingAfter?: string;
}

const ALL = '*';
const KNOWN_PARAMS = new Set(['types[]', 'types', 'starting_after']);

/**
 * `types[]=payment_intent.succeeded&types[]=charge.*` (an exact type, a group with `*`, or `*`) and
 * `starting_after=evt_…`; a reconnecting EventSource-style client may send `Last-Event-ID` instead.
 */
export function parseEventsStreamQuery(params: URLSearchParams, lastEventId: string | undefined): EventsStreamQuery {
  for (const name of params.keys()) {
    if (!KNOWN_PARAMS.has(name)) throw new PayrailError('parameter_unknown', `Received unknown parameter: ${name}`, { param: name });
  }
  const types = [...params.getAll('types[]'), ...params.getAll('types')];
  for (const type of types) {
    if (!isTypeFilter(type)) {
      throw new PayrailError('parameter_invalid', `Invalid types[]: ${JSON.stringify(type)} is not an event type, a group such as charge.*, or *.`, { param: 'types' });
    }
  }
  const startingAfter = params.get('starting_after') ?? lastEventId?.trim();
  if (startingAfter !== undefined && !/^evt_[A-Za-z0-9]+$/.test(startingAfter)) {
    throw new PayrailError('parameter_invalid', 'Invalid starting_after: must be an event id (evt_…).', { param: 'starting_after' });
  }
  return { types: types.includes(ALL) ? [] : types, startingAfter: startingAfter || undefined };
}

/** Whether an event of `type` passes the client's filter. */
export function wantsType(filter: readonly string[], type: string): boolean {
  if (filter.length === 0) return true;
  return filter.some((wanted) => (wanted.endsWith('.*') ? type.startsWith(wanted.slice(0, -1)) : wanted === type));
}

function isTypeFilter(type: string): boolean {
  if (type === ALL) return true;
  if (type.endsWith('.*')) return PUBLIC_EVENT_TYPES.some((known) => known.startsWith(type.slice(0, -1)));
  return (PUBLIC_EVENT_TYPES as readonly string[]).includes(type);
}
