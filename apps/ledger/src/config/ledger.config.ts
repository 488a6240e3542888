import { validateConfig } from '@payrail/messaging';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, Validate, type ValidatorConstraintInterface, ValidatorConstraint } from 'class-validator';
import { HOLIDAY_CALENDARS, parseIsoDate, type BankHolidays, type HolidayCalendarName } from '../transfers/bank-holidays.js';
import { isTimeZone, parseWallTime, type WallTime } from '../transfers/wire-cutoff.js';

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZoneName implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isTimeZone(value);
  }

  defaultMessage(): string {
    return '$property must be an IANA time zone such as America/New_York';
  }
}

@ValidatorConstraint({ name: 'closedDates' })
class IsClosedDateList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && closedDatesOf(value).every((date) => parseIsoDate(date) !== null);
  }

  defaultMessage(): string {
    return '$property must be calendar dates YYYY-MM-DD separated by commas, such as 2026-12-24,2026-12-31';
  }
}

/** `2026-12-24, 2026-12-31` → the dates; an empty setting is none. */
function closedDatesOf(value: string): string[] {
  return value.split(',').map((date) => date.trim()).filter((date) => date !== '');
}

/** The environment the ledger reads; checked at boot. */
export class LedgerEnv {
  /** How long a charge's net stays pending before it becomes available. */
  @IsOptional() @IsInt() @Min(0) @Max(2_592_000_000) PAYRAIL_PAYOUT_DELAY_MS?: number;
  /** How often the settlement pass moves matured pending funds to available. */
  @IsOptional() @IsInt() @Min(100) PAYRAIL_SETTLEMENT_INTERVAL_MS?: number;
  /** How long an ACH transfer stays pending before it settles (the sandbox's tests shorten it). */
  @IsOptional() @IsInt() @Min(0) @Max(2_592_000_000) PAYRAIL_ACH_SETTLEMENT_MS?: number;
  /** How long a wire transfer stays pending before it settles. */
  @IsOptional() @IsInt() @Min(0) @Max(2_592_000_000) PAYRAIL_WIRE_SETTLEMENT_MS?: number;
  /** A domestic wire created after this time of day (HH:MM, in the cut-off time zone) or on a weekend waits for the next business day. */
  @IsOptional() @Matches(WALL_TIME) PAYRAIL_WIRE_DOMESTIC_CUTOFF?: string;
  /** The same for international wires. */
  @IsOptional() @Matches(WALL_TIME) PAYRAIL_WIRE_INTERNATIONAL_CUTOFF?: string;
  /** Where the wire cut-offs and business days are reckoned. */
  @IsOptional() @Validate(IsTimeZoneName) PAYRAIL_WIRE_CUTOFF_TIME_ZONE?: string;
  /** Bank holidays wires do not run on: the Federal Reserve's (default), or none besides the closed dates. */
  @IsOptional() @IsIn(HOLIDAY_CALENDARS) PAYRAIL_WIRE_HOLIDAY_CALENDAR?: HolidayCalendarName;
  /** More days wires do not run on, in the cut-off zone's calendar: `YYYY-MM-DD`, comma-separated. */
  @IsOptional() @Validate(IsClosedDateList) PAYRAIL_WIRE_CLOSED_DATES?: string;
  /** What a domestic wire costs the sender, in major units of the transfer's currency. */
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) PAYRAIL_WIRE_DOMESTIC_FEE?: number;
  /** What an international wire costs the sender, in major units of the transfer's currency. */
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) PAYRAIL_WIRE_INTERNATIONAL_FEE?: number;
}

/** A wire type's cut-off and fee (in major units of the currency). */
export interface WireRules {
  cutoff: WallTime;
  feeMajor: number;
}

export interface TransferSettlementOptions {
  achMs: number;
  /** The settlement window of a wire once its run starts (see wire-cutoff.ts); the sandbox shortens it. */
  wireMs: number;
  intervalMs: number;
  wires: { timeZone: string; holidays: BankHolidays; domestic: WireRules; international: WireRules };
}

export const TRANSFER_SETTLEMENT_OPTIONS = Symbol('TRANSFER_SETTLEMENT_OPTIONS');

/** What time it is to the ledger's rules (a transfer's creation, hence its cut-off): specs give a fixed one. */
export type Clock = () => Date;
export const LEDGER_CLOCK = Symbol('LEDGER_CLOCK');

export interface SettlementOptions {
  payoutDelayMs: number;
  intervalMs: number;
}

export const SETTLEMENT_OPTIONS = Symbol('SETTLEMENT_OPTIONS');

export interface LedgerConfig {
  settlement: SettlementOptions;
  transfers: TransferSettlementOptions;
}

const TWO_DAYS_MS = 2 * 24 * 3_600_000;

export function loadLedgerConfig(env: NodeJS.ProcessEnv): LedgerConfig {
  const validated = validateConfig(LedgerEnv, env);
  return {
    settlement: {
      payoutDelayMs: validated.PAYRAIL_PAYOUT_DELAY_MS ?? TWO_DAYS_MS,
      intervalMs: validated.PAYRAIL_SETTLEMENT_INTERVAL_MS ?? 60_000,
    },
    transfers: {
      achMs: validated.PAYRAIL_ACH_SETTLEMENT_MS ?? 24 * 3_600_000,
      wireMs: validated.PAYRAIL_WIRE_SETTLEMENT_MS ?? 3_600_000,
      intervalMs: validated.PAYRAIL_SETTLEMENT_INTERVAL_MS ?? 60_000,
      wires: {
        timeZone: validated.PAYRAIL_WIRE_CUTOFF_TIME_ZONE ?? 'America/New_York',
        holidays: {
          calendar: validated.PAYRAIL_WIRE_HOLIDAY_CALENDAR ?? 'us-federal-reserve',
          closedDates: new Set(closedDatesOf(validated.PAYRAIL_WIRE_CLOSED_DATES ?? '')),
        },
        domestic: { cutoff: parseWallTime(validated.PAYRAIL_WIRE_DOMESTIC_CUTOFF ?? '17:00')!, feeMajor: validated.PAYRAIL_WIRE_DOMESTIC_FEE ?? 25 },
        international: { cutoff: parseWallTime(validated.PAYRAIL_WIRE_INTERNATIONAL_CUTOFF ?? '15:00')!, feeMajor: validated.PAYRAIL_WIRE_INTERNATIONAL_FEE ?? 45 },
      },
    },
  };
}
