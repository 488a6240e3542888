import { parseReconciliationOffsets, RECONCILIATION_OFFSETS_MS } from '@payrail/domain';
import { IsReconciliationSchedule, PUBLIC_URL_OPTIONS, validateConfig } from '@payrail/messaging';
import { IsInt, IsOptional, IsUrl, Min } from 'class-validator';
import { DEFAULT_PROCESSING_SWEEP, type ProcessingSweepOptions } from '../payment-intents/processing-sweep-options.js';

/** The environment payments reads; checked at boot. */
export class PaymentsEnv {
  /** Makes 3-D Secure and receipt links absolute; without it they are paths the edge completes. */
  @IsOptional() @IsUrl(PUBLIC_URL_OPTIONS) PAYRAIL_PUBLIC_URL?: string;
  /** How long a `processing` intent's gateway call may run before it is taken for lost and settled from the gateway's record. */
  @IsOptional() @IsInt() @Min(1000) PAYRAIL_PROCESSING_STALE_AFTER_MS?: number;
  /** How often the reconciler looks for intents due for a try. */
  @IsOptional() @IsInt() @Min(100) PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS?: number;
  /** When an unknown outcome is asked about again, as durations since it became unknown; the last one ends it. */
  @IsOptional() @IsReconciliationSchedule() PAYRAIL_RECONCILIATION_SCHEDULE?: string;
}

export interface PaymentsConfig {
  publicUrl: string | undefined;
  processingSweep: ProcessingSweepOptions;
}

export function loadPaymentsConfig(env: NodeJS.ProcessEnv): PaymentsConfig {
  const validated = validateConfig(PaymentsEnv, env);
  return {
    publicUrl: validated.PAYRAIL_PUBLIC_URL,
    processingSweep: {
      staleAfterMs: validated.PAYRAIL_PROCESSING_STALE_AFTER_MS ?? DEFAULT_PROCESSING_SWEEP.staleAfterMs,
      intervalMs: validated.PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS ?? DEFAULT_PROCESSING_SWEEP.intervalMs,
      scheduleMs: validated.PAYRAIL_RECONCILIATION_SCHEDULE ? parseReconciliationOffsets(validated.PAYRAIL_RECONCILIATION_SCHEDULE)! : RECONCILIATION_OFFSETS_MS,
    },
  };
}
