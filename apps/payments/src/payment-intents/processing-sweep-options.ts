import { RECONCILIATION_OFFSETS_MS } from '@payrail/domain';

export const PROCESSING_SWEEP_OPTIONS = Symbol('PROCESSING_SWEEP_OPTIONS');

export interface ProcessingSweepOptions {
  /** How long an intent may stay `processing` before its gateway call is taken for lost. */
  staleAfterMs: number;
  intervalMs: number;
  /** The reconciliation schedule, as offsets since the intent went `processing` (its first try waits for `staleAfterMs`). */
  scheduleMs: readonly number[];
}

/** Longer than any live confirmation can wait for its gateway (the bus gives up on a reply well before). */
export const DEFAULT_PROCESSING_SWEEP: ProcessingSweepOptions = { staleAfterMs: 120_000, intervalMs: 30_000, scheduleMs: RECONCILIATION_OFFSETS_MS };
