import { PUBLIC_EVENT_TYPES, type PublicEventType } from '@payrail/contracts';

/** Subscribes an endpoint to every public event type, present and future. */
export const ALL_EVENTS = '*';

const PUBLIC_TYPES: ReadonlySet<string> = new Set(PUBLIC_EVENT_TYPES);

export function isPublicEventType(type: string): type is PublicEventType {
  return PUBLIC_TYPES.has(type);
}

/** What `enabled_events` may hold: `*` or a public event type. */
export function isSubscribable(type: string): boolean {
  return type === ALL_EVENTS || isPublicEventType(type);
}

/** Whether an endpoint enabled for `enabledEvents` is sent events of `type`. */
export function endpointWants(enabledEvents: readonly string[], type: string): boolean {
  return isPublicEventType(type) && (enabledEvents.includes(ALL_EVENTS) || enabledEvents.includes(type));
}

/**
 * The `type` filter of GET /v1/events as a SQL LIKE pattern: an exact type, or a group with `*` as a
 * wildcard (`payment_intent.*`), as Stripe takes it. LIKE's own wildcards in the input match literally.
 */
export function eventTypeLikePattern(filter: string): string {
  return filter.replace(/[\\%_]/g, (character) => `\\${character}`).replaceAll('*', '%');
}
