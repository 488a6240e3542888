import { validateConfig } from '@payrail/messaging';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

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
}

export interface TransferSettlementOptions {
  achMs: number;
  wireMs: number;
  intervalMs: number;
}

export const TRANSFER_SETTLEMENT_OPTIONS = Symbol('TRANSFER_SETTLEMENT_OPTIONS');

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
    },
  };
}
