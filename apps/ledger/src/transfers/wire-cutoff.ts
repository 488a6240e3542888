import { isBankHoliday, isoDate, NO_BANK_HOLIDAYS, type BankHolidays } from './bank-holidays.js';

/** A time of day on a wall clock: a wire's cut-off. */
export interface WallTime {
  hour: number;
  minute: number;
}

/** `17:00` → { hour: 17, minute: 0 }; null when it is no HH:MM time of day. */
export function parseWallTime(value: string): WallTime | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localDate(at: Date, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)!.value;
  return { year: Number(part('year')), month: Number(part('month')), day: Number(part('day')), hour: Number(part('hour')), minute: Number(part('minute')), weekday: WEEKDAYS.indexOf(part('weekday')) };
}

/** The instant a wall clock in `timeZone` shows midnight of that calendar day (daylight saving time included). */
function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day);
  let instant = wanted;
  // The zone's offset at the guess, twice: once more settles a guess that crossed a DST change.
  for (let pass = 0; pass < 2; pass++) {
    const shown = localDate(new Date(instant), timeZone);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
    instant += wanted - shownAsUtc;
  }
  return new Date(instant);
}

const isWeekend = (weekday: number) => weekday === 0 || weekday === 6;

/**
 * When a wire created at `createdAt` enters a settlement run: at once on a business day before the cut-off
 * (wall-clock time in `timeZone`); otherwise at the start (local midnight) of the next business day.
 * Business days are Monday to Friday except `holidays` (the Federal Reserve's, and the operator's closed
 * dates), reckoned on the calendar of `timeZone`.
 */
export function wireRunStart(createdAt: Date, cutoff: WallTime, timeZone: string, holidays: BankHolidays = NO_BANK_HOLIDAYS): Date {
  const local = localDate(createdAt, timeZone);
  const beforeCutoff = local.hour * 60 + local.minute < cutoff.hour * 60 + cutoff.minute;
  const isBusinessDay = (days: number) => !isWeekend((local.weekday + days) % 7) && !isBankHoliday(isoDate(local.year, local.month, local.day + days), holidays);
  if (isBusinessDay(0) && beforeCutoff) return createdAt;
  let days = 1;
  // Ends: the Federal Reserve closes at most a long weekend in a row, and the operator's closed dates are finitely many.
  while (!isBusinessDay(days)) days++;
  // Calendar arithmetic on the local date (UTC fields only carry it; no instant is taken from them).
  const next = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}
