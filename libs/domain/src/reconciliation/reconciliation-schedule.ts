const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When an unknown outcome (a payment or refund the gateway has not told us the end of) is asked about
 * again, as offsets from the moment it became unknown: about 1 min, 5 min, 15 min, 1 h, 6 h, 24 h, then
 * daily until a week has passed. After the last one the object is left as it is and flagged.
 */
export const RECONCILIATION_OFFSETS_MS: readonly number[] = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  6 * HOUR,
  DAY,
  2 * DAY,
  3 * DAY,
  4 * DAY,
  5 * DAY,
  6 * DAY,
  7 * DAY,
];

/** How long reconciliation keeps asking before it gives up on an outcome. */
export const RECONCILIATION_GIVES_UP_AFTER_MS = RECONCILIATION_OFFSETS_MS[RECONCILIATION_OFFSETS_MS.length - 1];

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE, h: HOUR, d: DAY };

/**
 * Reads a schedule written as increasing durations since the outcome became unknown, comma-separated
 * (`1m,5m,15m,1h,6h,1d,2d,3d,4d,5d,6d,7d`); null if it is not one.
 */
export function parseReconciliationOffsets(text: string): number[] | null {
  const offsets: number[] = [];
  for (const part of text.split(',')) {
    const match = DURATION.exec(part.trim());
    if (!match) return null;
    const offset = Number(match[1]) * UNIT_MS[match[2]];
    if (offset <= 0 || (offsets.length > 0 && offset <= offsets[offsets.length - 1])) return null;
    offsets.push(offset);
  }
  return offsets;
}

export class ReconciliationSchedule {
  private readonly offsets: readonly number[];

  /**
   * `firstAfterMs` moves the first try later when a live call may still be running that long (payments'
   * staleness guard): tries the schedule would make before it are dropped, never the last one.
   */
  constructor(offsets: readonly number[] = RECONCILIATION_OFFSETS_MS, firstAfterMs: number = offsets[0]) {
    const last = offsets[offsets.length - 1];
    const later = offsets.filter((offset) => offset > firstAfterMs);
    this.offsets = firstAfterMs >= last ? [firstAfterMs] : [firstAfterMs, ...later];
  }

  /** How long after the outcome became unknown the first try is due. */
  get firstAfterMs(): number {
    return this.offsets[0];
  }

  /** When the first try is due for an outcome unknown since `unknownSince`. */
  firstAttemptAt(unknownSince: Date): Date {
    return new Date(unknownSince.getTime() + this.offsets[0]);
  }

  /**
   * When to try again after a try at `now` left the outcome unknown: the first scheduled moment after
   * `now` (tries missed while no worker ran are not made up), or null once the week is over.
   */
  nextAttemptAt(unknownSince: Date, now: Date): Date | null {
    const elapsed = now.getTime() - unknownSince.getTime();
    const next = this.offsets.find((offset) => offset > elapsed);
    return next === undefined ? null : new Date(unknownSince.getTime() + next);
  }
}
