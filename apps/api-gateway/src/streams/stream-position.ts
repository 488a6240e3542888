import type { PositionedEvent } from '@payrail/contracts';

/** An event's place in its merchant's stored order: `created_at` (sortable text, microseconds), then id. */
export interface StreamPosition {
  position: string;
  id: string;
}

export function positionOf(recorded: PositionedEvent): StreamPosition {
  return { position: recorded.position, id: recorded.event.id };
}

/** Whether `candidate` comes after `last` in the stored order (nothing comes before the start). */
export function isAfter(candidate: StreamPosition, last: StreamPosition | undefined): boolean {
  if (!last) return true;
  if (candidate.position !== last.position) return candidate.position > last.position;
  return candidate.id > last.id;
}
