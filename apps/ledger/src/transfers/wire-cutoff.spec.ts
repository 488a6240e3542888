import { loadLedgerConfig } from '../config/ledger.config.js';
import { expectedSettlement, transferFee } from './payment-types.js';
import type { BankHolidays } from './bank-holidays.js';
import { isTimeZone, parseWallTime, wireRunStart } from './wire-cutoff.js';

const NEW_YORK = 'America/New_York';
const FIVE_PM = { hour: 17, minute: 0 };
const at = (iso: string) => new Date(iso);

describe('wire cut-offs', () => {
  it('runs a wire created on a business day before the cut-off at once', () => {
    // Wednesday 16:59 in New York (EST, UTC-5).
    expect(wireRunStart(at('2026-12-09T21:59:00Z'), FIVE_PM, NEW_YORK)).toEqual(at('2026-12-09T21:59:00Z'));
  });

  it('moves a wire created at or after the cut-off to the next business day, from local midnight', () => {
    expect(wireRunStart(at('2026-12-09T22:00:00Z'), FIVE_PM, NEW_YORK)).toEqual(at('2026-12-10T05:00:00Z'));
    // 23:30 UTC on Wednesday is still Wednesday evening in New York.
    expect(wireRunStart(at('2026-12-09T23:30:00Z'), FIVE_PM, NEW_YORK)).toEqual(at('2026-12-10T05:00:00Z'));
  });

  it('moves a Friday-evening or weekend wire to Monday', () => {
    expect(wireRunStart(at('2026-12-11T22:30:00Z'), FIVE_PM, NEW_YORK)).toEqual(at('2026-12-14T05:00:00Z'));
    expect(wireRunStart(at('2026-12-12T15:00:00Z'), FIVE_PM, NEW_YORK)).toEqual(at('2026-12-14T05:00:00Z'));
    expect(wireRunStart(at('2026-12-13T15:00:00Z'), FIVE_PM, NEW_YORK)).toEqual(at('2026-12-14T05:00:00Z'));
  });

  it('reckons in the zone, daylight saving time included', () => {
    // Friday 6 March 2026 18:00 EST → Monday 9 March, the day after clocks go forward: midnight is EDT (UTC-4).
    expect(wireRunStart(at('2026-03-06T23:00:00Z'), FIVE_PM, NEW_YORK)).toEqual(at('2026-03-09T04:00:00Z'));
    // Saturday in Tokyo is Friday in New York: the zone decides the day.
    expect(wireRunStart(at('2026-12-11T16:00:00Z'), { hour: 15, minute: 0 }, 'Asia/Tokyo')).toEqual(at('2026-12-13T15:00:00Z'));
  });

  describe('on Federal Reserve holidays', () => {
    const FED: BankHolidays = { calendar: 'us-federal-reserve', closedDates: new Set() };

    it('moves a wire made on a holiday, or after the cut-off the day before, to the next business day', () => {
      // Thanksgiving, Thursday 26 November 2026, before the cut-off: no run that day; Friday 27 (EST, UTC-5).
      expect(wireRunStart(at('2026-11-26T15:00:00Z'), FIVE_PM, NEW_YORK, FED)).toEqual(at('2026-11-27T05:00:00Z'));
      // Thursday 24 December 2026 after 17:00: Christmas Friday is closed, then the weekend: Monday 28.
      expect(wireRunStart(at('2026-12-24T22:30:00Z'), FIVE_PM, NEW_YORK, FED)).toEqual(at('2026-12-28T05:00:00Z'));
      // Friday 15 January 2027 after the cut-off: Monday 18 is Martin Luther King, Jr. Day: Tuesday 19.
      expect(wireRunStart(at('2027-01-15T23:00:00Z'), FIVE_PM, NEW_YORK, FED)).toEqual(at('2027-01-19T05:00:00Z'));
      // Without the calendar that Monday is a business day.
      expect(wireRunStart(at('2027-01-15T23:00:00Z'), FIVE_PM, NEW_YORK)).toEqual(at('2027-01-18T05:00:00Z'));
    });

    it('closes the Monday after a Sunday holiday, and no weekday for a Saturday one', () => {
      // Friday 2 July 2027 evening: Sunday 4 July is observed Monday 5 July (EDT, UTC-4): Tuesday 6.
      expect(wireRunStart(at('2027-07-02T22:00:00Z'), FIVE_PM, NEW_YORK, FED)).toEqual(at('2027-07-06T04:00:00Z'));
      // 4 July 2026 is a Saturday: Friday 3 July runs wires made before the cut-off, and Monday 6 July is open.
      expect(wireRunStart(at('2026-07-03T14:00:00Z'), FIVE_PM, NEW_YORK, FED)).toEqual(at('2026-07-03T14:00:00Z'));
      expect(wireRunStart(at('2026-07-03T22:00:00Z'), FIVE_PM, NEW_YORK, FED)).toEqual(at('2026-07-06T04:00:00Z'));
      // Christmas 2027 is a Saturday: Friday 24 December runs.
      expect(wireRunStart(at('2027-12-24T15:00:00Z'), FIVE_PM, NEW_YORK, FED)).toEqual(at('2027-12-24T15:00:00Z'));
    });

    it("skips the operator's closed dates too, judged on the cut-off zone's calendar", () => {
      const closed: BankHolidays = { calendar: 'us-federal-reserve', closedDates: new Set(['2026-12-10']) };
      // Wednesday 9 December after the cut-off: Thursday 10 is closed by the operator: Friday 11.
      expect(wireRunStart(at('2026-12-09T22:00:00Z'), FIVE_PM, NEW_YORK, closed)).toEqual(at('2026-12-11T05:00:00Z'));
      // 01:00 UTC on Friday 11 December is still Thursday 10 in New York: closed, so it waits for Friday.
      expect(wireRunStart(at('2026-12-11T01:00:00Z'), FIVE_PM, NEW_YORK, closed)).toEqual(at('2026-12-11T05:00:00Z'));
    });
  });

  it('reads HH:MM cut-offs and IANA zones, and nothing else', () => {
    expect(parseWallTime('17:00')).toEqual(FIVE_PM);
    expect(parseWallTime('09:30')).toEqual({ hour: 9, minute: 30 });
    expect(parseWallTime('24:00')).toBeNull();
    expect(parseWallTime('5pm')).toBeNull();
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('wire settlement and fees from configuration', () => {
  const defaults = loadLedgerConfig({ PAYRAIL_WIRE_SETTLEMENT_MS: '1000' }).transfers;

  it('defaults to 17:00 domestic and 15:00 international, New York time, with the sandbox window after the shift', () => {
    // Wednesday 15:30 New York: before the domestic cut-off, after the international one.
    const created = at('2026-12-09T20:30:00Z');
    expect(expectedSettlement('WIRE_DOMESTIC', created, defaults)).toEqual(at('2026-12-09T20:30:01Z'));
    expect(expectedSettlement('WIRE_INTERNATIONAL', created, defaults)).toEqual(at('2026-12-10T05:00:01Z'));
    expect(expectedSettlement('RTP', created, defaults)).toEqual(created);
    expect(expectedSettlement('ACH_CREDIT', created, defaults)).toEqual(at('2026-12-10T20:30:00Z'));
  });

  it('knows the Federal Reserve holidays by default, and takes closed dates or no calendar from the environment', () => {
    // Wednesday 25 November 2026 after the cut-off: Thanksgiving is closed, so Friday 27.
    const eveOfThanksgiving = at('2026-11-25T22:30:00Z');
    expect(expectedSettlement('WIRE_DOMESTIC', eveOfThanksgiving, defaults)).toEqual(at('2026-11-27T05:00:01Z'));
    const noCalendar = loadLedgerConfig({ PAYRAIL_WIRE_SETTLEMENT_MS: '1000', PAYRAIL_WIRE_HOLIDAY_CALENDAR: 'none' }).transfers;
    expect(expectedSettlement('WIRE_DOMESTIC', eveOfThanksgiving, noCalendar)).toEqual(at('2026-11-26T05:00:01Z'));
    const closed = loadLedgerConfig({ PAYRAIL_WIRE_SETTLEMENT_MS: '1000', PAYRAIL_WIRE_CLOSED_DATES: ' 2026-11-27 ,2026-12-31' }).transfers;
    expect(expectedSettlement('WIRE_DOMESTIC', eveOfThanksgiving, closed)).toEqual(at('2026-11-30T05:00:01Z'));
    expect(loadLedgerConfig({ PAYRAIL_WIRE_CLOSED_DATES: '' }).transfers.wires.holidays.closedDates.size).toBe(0);
  });

  it('takes cut-offs, zone and fees from the environment', () => {
    const transfers = loadLedgerConfig({
      PAYRAIL_WIRE_SETTLEMENT_MS: '0',
      PAYRAIL_WIRE_DOMESTIC_CUTOFF: '12:00',
      PAYRAIL_WIRE_CUTOFF_TIME_ZONE: 'Europe/London',
      PAYRAIL_WIRE_DOMESTIC_FEE: '10',
      PAYRAIL_WIRE_INTERNATIONAL_FEE: '0',
    }).transfers;
    expect(expectedSettlement('WIRE_DOMESTIC', at('2026-12-09T12:00:00Z'), transfers)).toEqual(at('2026-12-10T00:00:00Z'));
    expect(transferFee('WIRE_DOMESTIC', 'usd', transfers)).toBe(1_000);
    expect(transferFee('WIRE_DOMESTIC', 'jpy', transfers)).toBe(10);
    expect(transferFee('WIRE_INTERNATIONAL', 'usd', transfers)).toBe(0);
    expect(transferFee('WIRE_INTERNATIONAL', 'usd', defaults)).toBe(4_500);
    expect(transferFee('ACH_DEBIT', 'usd', defaults)).toBe(0);
  });

  it.each([
    ['PAYRAIL_WIRE_DOMESTIC_CUTOFF', '5pm'],
    ['PAYRAIL_WIRE_INTERNATIONAL_CUTOFF', '25:00'],
    ['PAYRAIL_WIRE_CUTOFF_TIME_ZONE', 'Mars/Olympus'],
    ['PAYRAIL_WIRE_DOMESTIC_FEE', '-1'],
    ['PAYRAIL_WIRE_INTERNATIONAL_FEE', '2.5'],
    ['PAYRAIL_WIRE_HOLIDAY_CALENDAR', 'uk-bank-holidays'],
    ['PAYRAIL_WIRE_CLOSED_DATES', '2026-12-24,2026-02-30'],
    ['PAYRAIL_WIRE_CLOSED_DATES', '24/12/2026'],
  ])('refuses to boot with %s=%j, naming it', (name, value) => {
    expect(() => loadLedgerConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
