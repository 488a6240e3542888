import { parseReconciliationOffsets, RECONCILIATION_OFFSETS_MS } from '@payrail/domain';
import { IsReconciliationSchedule, validateConfig } from '@payrail/messaging';
import { IsInt, IsOptional, Min } from 'class-validator';

/** The environment refunds reads; checked at boot. */
export class RefundsEnv {
  /** When a pending refund is asked about again, as durations since it was made; the last one ends it. */
  @IsOptional() @IsReconciliationSchedule() PAYRAIL_RECONCILIATION_SCHEDULE?: string;
  /** How often the refund reconciler looks for pending refunds due for a try. */
  @IsOptional() @IsInt() @Min(100) PAYRAIL_REFUND_RECONCILE_INTERVAL_MS?: number;
}

export interface RefundReconciliationOptions {
  scheduleMs: readonly number[];
  intervalMs: number;
}

export const REFUND_RECONCILIATION_OPTIONS = Symbol('REFUND_RECONCILIATION_OPTIONS');

export interface RefundsConfig {
  reconciliation: RefundReconciliationOptions;
}

export function loadRefundsConfig(env: NodeJS.ProcessEnv): RefundsConfig {
  const validated = validateConfig(RefundsEnv, env);
  return {
    reconciliation: {
      scheduleMs: validated.PAYRAIL_RECONCILIATION_SCHEDULE ? parseReconciliationOffsets(validated.PAYRAIL_RECONCILIATION_SCHEDULE)! : RECONCILIATION_OFFSETS_MS,
      intervalMs: validated.PAYRAIL_REFUND_RECONCILE_INTERVAL_MS ?? 30_000,
    },
  };
}
