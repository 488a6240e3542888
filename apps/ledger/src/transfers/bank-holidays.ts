/** A calendar day, `YYYY-MM-DD`, as a wall calendar in the cut-off zone shows it. */
export type IsoDate = string;

/** `us-federal-reserve`: the days Fedwire is closed, computed by rule; `none`: weekends only. */
export const HOLIDAY_CALENDARS = ['us-federal-reserve', 'none'] as const;
export type HolidayCalendarName = (typeof HOLIDAY_CALENDARS)[number];

/** The days wires do not run on besides weekends: a rule-computed calendar plus the operator's extra closed dates. */
export interface BankHolidays {
  calendar: HolidayCalendarName;
  closedDates: ReadonlySet<IsoDate>;
}

export const NO_BANK_HOLIDAYS: BankHolidays = { calendar: 'none', closedDates: new Set() };

/** `2026-12-25` → the date; null when it is no real calendar day (`2026-02-30`) or not in that form. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { year, month, day } : null;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  // Through Date.UTC so that a day past the month's end rolls over (day 32 of January is 1 February).
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** The day of the `nth` `weekday` (0 Sunday … 6 Saturday) of a month; `nth` -1 is the last. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): number {
  if (nth > 0) return 1 + ((weekday - weekdayOf(year, month, 1) + 7) % 7) + (nth - 1) * 7;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return last - ((weekdayOf(year, month, last) - weekday + 7) % 7);
}

const MONDAY = 1;
const THURSDAY = 4;

/**
 * The days the Federal Reserve Banks, hence Fedwire, are closed in `year`, by the rules of 5 U.S.C. 6103 as
 * the Federal Reserve observes them ("Holidays Observed by the Federal Reserve System",
 * https://www.federalreserve.gov/aboutthefed/k8.htm; the Reserve Banks' schedule, e.g.
 * https://www.richmondfed.org/about_us/holiday_schedule): "For holidays falling on Saturday, Federal
 * Reserve Banks and Branches will be open the preceding Friday. For holidays falling on Sunday, all Federal
 * Reserve Banks and Branches will be closed the following Monday." So, unlike the federal government's
 * own rule, a Saturday holiday closes no weekday (4 July 2026 leaves Friday 3 July open), while a Sunday
 * one closes the Monday (4 July 2027 closes Monday 5 July). Juneteenth is observed from 2022, the first
 * year the Reserve Banks closed for it.
 */
export function federalReserveHolidays(year: number): IsoDate[] {
  const fixed = (month: number, day: number): IsoDate[] => {
    const weekday = weekdayOf(year, month, day);
    if (weekday === 6) return [];
    return [isoDate(year, month, weekday === 0 ? day + 1 : day)];
  };
  return [
    ...fixed(1, 1), // New Year's Day
    isoDate(year, 1, nthWeekday(year, 1, MONDAY, 3)), // Birthday of Martin Luther King, Jr.
    isoDate(year, 2, nthWeekday(year, 2, MONDAY, 3)), // Washington's Birthday
    isoDate(year, 5, nthWeekday(year, 5, MONDAY, -1)), // Memorial Day
    ...(year >= 2022 ? fixed(6, 19) : []), // Juneteenth National Independence Day
    ...fixed(7, 4), // Independence Day
    isoDate(year, 9, nthWeekday(year, 9, MONDAY, 1)), // Labor Day
    isoDate(year, 10, nthWeekday(year, 10, MONDAY, 2)), // Columbus Day
    ...fixed(11, 11), // Veterans Day
    isoDate(year, 11, nthWeekday(year, 11, THURSDAY, 4)), // Thanksgiving Day
    ...fixed(12, 25), // Christmas Day
  ];
}

const federalReserveByYear = new Map<number, ReadonlySet<IsoDate>>();

function federalReserveClosed(year: number): ReadonlySet<IsoDate> {
  let days = federalReserveByYear.get(year);
  if (!days) {
    days = new Set(federalReserveHolidays(year));
    federalReserveByYear.set(year, days);
  }
  return days;
}

/** Whether wires do not run on `date` (besides weekends, which the caller knows). */
export function isBankHoliday(date: IsoDate, holidays: BankHolidays): boolean {
  if (holidays.closedDates.has(date)) return true;
  return holidays.calendar === 'us-federal-reserve' && federalReserveClosed(Number(date.slice(0, 4))).has(date);
}
