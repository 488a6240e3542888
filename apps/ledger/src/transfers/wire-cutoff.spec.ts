import { loadLedgerConfig } from '../config/ledger.config.js';
import { expectedSettlement, transferFee } from './payment-types.js';
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
  ])('refuses to boot with %s=%j, naming it', (name, value) => {
    expect(() => loadLedgerConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
