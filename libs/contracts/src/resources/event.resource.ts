/** A Stripe-shaped event, as delivered to webhook endpoints and served by /v1/events. */
export class EventResource {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: boolean;
  type: string;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

/**
 * A recorded event with its place in the merchant's stored order (`created_at` to the microsecond, then
 * id): what the live stream compares to send each event once, replayed or live.
 */
export class PositionedEvent {
  position: string;
  event: EventResource;
}

/** Events named by id, in their stored order: what a live stream's notice (RecordedEventsNotice) fetches. */
export class PositionedEvents {
  data: PositionedEvent[];
}

/** The events after a cursor event, oldest first; `after_position` is the cursor's own place. */
export class EventReplay {
  after_position: string;
  data: PositionedEvent[];
  has_more: boolean;
}
