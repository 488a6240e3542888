import { federalReserveHolidays, isBankHoliday, NO_BANK_HOLIDAYS, parseIsoDate, type BankHolidays } from './bank-holidays.js';

const FED: BankHolidays = { calendar: 'us-federal-reserve', closedDates: new Set() };

/** The Reserve Banks' published schedules (e.g. https://www.richmondfed.org/about_us/holiday_schedule), day by day. */
describe('the Federal Reserve holiday calendar, computed by rule', () => {
  it('closes on the 2026 holidays; Independence Day on a Saturday closes no weekday', () => {
    expect(federalReserveHolidays(2026)).toEqual([
      '2026-01-01', // New Year's Day, Thursday
      '2026-01-19', // Martin Luther King, Jr., third Monday of January
      '2026-02-16', // Washington's Birthday, third Monday of February
      '2026-05-25', // Memorial Day, last Monday of May
      '2026-06-19', // Juneteenth, Friday
      // 4 July 2026 is a Saturday: the Reserve Banks are open Friday 3 July, and Monday 6 July too.
      '2026-09-07', // Labor Day, first Monday of September
      '2026-10-12', // Columbus Day, second Monday of October
      '2026-11-11', // Veterans Day, Wednesday
      '2026-11-26', // Thanksgiving, fourth Thursday of November
      '2026-12-25', // Christmas, Friday
    ]);
    expect(isBankHoliday('2026-07-03', FED)).toBe(false);
    expect(isBankHoliday('2026-07-06', FED)).toBe(false);
  });

  it('closes on the 2027 holidays: Saturday ones stay on Saturday, a Sunday one closes the Monday', () => {
    expect(federalReserveHolidays(2027)).toEqual([
      '2027-01-01', // New Year's Day, Friday
      '2027-01-18',
      '2027-02-15',
      '2027-05-31', // the last Monday of a May with five Mondays
      // Juneteenth on Saturday 19 June: nothing closes (Friday 18 June is open).
      '2027-07-05', // Independence Day on Sunday 4 July: closed Monday 5 July
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      // Christmas on Saturday 25 December: Friday 24 December is open.
    ]);
    expect(isBankHoliday('2027-06-18', FED)).toBe(false);
    expect(isBankHoliday('2027-12-24', FED)).toBe(false);
    // New Year's Day 2028 is a Saturday: Friday 31 December 2027 stays open.
    expect(isBankHoliday('2027-12-31', FED)).toBe(false);
  });

  it('takes the operator\'s extra closed dates, with or without the calendar', () => {
    const mourning: BankHolidays = { calendar: 'us-federal-reserve', closedDates: new Set(['2026-12-24']) };
    expect(isBankHoliday('2026-12-24', mourning)).toBe(true);
    expect(isBankHoliday('2026-12-25', mourning)).toBe(true);
    const closedOnly: BankHolidays = { calendar: 'none', closedDates: new Set(['2026-12-24']) };
    expect(isBankHoliday('2026-12-24', closedOnly)).toBe(true);
    expect(isBankHoliday('2026-12-25', closedOnly)).toBe(false);
    expect(isBankHoliday('2026-12-25', NO_BANK_HOLIDAYS)).toBe(false);
  });

  it('reads real calendar dates only', () => {
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseIsoDate('2027-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('2026-1-5')).toBeNull();
    expect(parseIsoDate('26/12/2026')).toBeNull();
  });
});
