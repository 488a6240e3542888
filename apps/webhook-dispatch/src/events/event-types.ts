import { WEBHOOK_EVENT_CATALOGUE, type WebhookEventType } from '@payrail/contracts';

/** Subscribes an endpoint to every event type in the catalogue, present and future. */
export const ALL_EVENTS = '*';

const CATALOGUE: ReadonlySet<string> = new Set(WEBHOOK_EVENT_CATALOGUE);

/** Whether a domain event of `type` becomes a merchant's event (the rest are internal). */
export function isPublicEventType(type: string): type is WebhookEventType {
  return CATALOGUE.has(type);
}

/** What `enabled_events` may hold: `*` or a type in the catalogue. */
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
