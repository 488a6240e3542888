import { parseReconciliationOffsets, RECONCILIATION_GIVES_UP_AFTER_MS, RECONCILIATION_OFFSETS_MS, ReconciliationSchedule } from './reconciliation-schedule.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const since = new Date('2026-03-01T10:00:00Z');
const at = (offsetMs: number): Date => new Date(since.getTime() + offsetMs);

/** Follows the schedule from the first try, as a worker whose every try fails would. */
function triesOf(schedule: ReconciliationSchedule): number[] {
  const tries: number[] = [];
  for (let next: Date | null = schedule.firstAttemptAt(since); next; next = schedule.nextAttemptAt(since, next)) {
    tries.push(next.getTime() - since.getTime());
  }
  return tries;
}

describe('ReconciliationSchedule', () => {
  it('asks after 1, 5 and 15 minutes, 1 and 6 hours, a day, then daily until a week has passed', () => {
    expect(triesOf(new ReconciliationSchedule())).toEqual([
      MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY, 6 * DAY, 7 * DAY,
    ]);
    expect(RECONCILIATION_GIVES_UP_AFTER_MS).toBe(7 * DAY);
  });

  it('gives up once the try at the end of the week has failed', () => {
    expect(new ReconciliationSchedule().nextAttemptAt(since, at(7 * DAY))).toBeNull();
    expect(new ReconciliationSchedule().nextAttemptAt(since, at(30 * DAY))).toBeNull();
  });

  it('does not make up tries missed while no worker ran: the next one is the first still ahead', () => {
    expect(new ReconciliationSchedule().nextAttemptAt(since, at(2 * HOUR))).toEqual(at(6 * HOUR));
    expect(new ReconciliationSchedule().nextAttemptAt(since, at(3 * DAY + 1))).toEqual(at(4 * DAY));
  });

  it('a late first try (a live call may still be running) drops the earlier tries but keeps the week', () => {
    const schedule = new ReconciliationSchedule(RECONCILIATION_OFFSETS_MS, 2 * MINUTE);
    expect(schedule.firstAttemptAt(since)).toEqual(at(2 * MINUTE));
    expect(triesOf(schedule)).toEqual([2 * MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY, 6 * DAY, 7 * DAY]);
  });

  it('a try that fails a moment after it was due waits for the next one, not a fixed delay from the failure', () => {
    expect(new ReconciliationSchedule().nextAttemptAt(since, at(MINUTE + 30_000))).toEqual(at(5 * MINUTE));
  });

  it('follows a schedule given as durations, the way operators and tests write it', () => {
    const offsets = parseReconciliationOffsets('1m,5m,15m,1h,6h,1d,2d,3d,4d,5d,6d,7d');
    expect(offsets).toEqual(RECONCILIATION_OFFSETS_MS);
    expect(triesOf(new ReconciliationSchedule(parseReconciliationOffsets('500ms, 2s,3s')!))).toEqual([500, 2000, 3000]);
  });

  it.each(['', '1m,,5m', '5m,1m', '1m,1m', '0s', '1 minute', '-1s', '1w'])('refuses the schedule %j', (text) => {
    expect(parseReconciliationOffsets(text)).toBeNull();
  });
});
