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

/**
 * What a stream has sent, to send each event once: the recent ids, and a floor at or below which
 * everything counts as sent (where the client resumed from, and what has aged out of the recent ids).
 * An event that arrives out of order but was never sent still goes out: with several outbox relays,
 * one merchant's events can reach the topic a little out of order, and a late event beats a lost one.
 */
export class SentEvents {
  private readonly recent = new Map<string, StreamPosition>();

  constructor(
    private floor: StreamPosition | undefined,
    private readonly capacity = 1000,
  ) {}

  /** Records the event; false when it was sent before, or is at or below the floor. */
  firstTime(candidate: StreamPosition): boolean {
    if (this.floor && !isAfter(candidate, this.floor)) return false;
    if (this.recent.has(candidate.id)) return false;
    this.recent.set(candidate.id, candidate);
    if (this.recent.size > this.capacity) {
      const [oldestId, oldest] = this.recent.entries().next().value!;
      this.recent.delete(oldestId);
      if (isAfter(oldest, this.floor)) this.floor = oldest;
    }
    return true;
  }
}
