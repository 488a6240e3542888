export const PROCESSING_SWEEP_OPTIONS = Symbol('PROCESSING_SWEEP_OPTIONS');

export interface ProcessingSweepOptions {
  /** How long an intent may stay `processing` before its gateway call is taken for lost. */
  staleAfterMs: number;
  intervalMs: number;
}

/** Longer than any live confirmation can wait for its gateway (the bus gives up on a reply well before). */
export const DEFAULT_PROCESSING_SWEEP: ProcessingSweepOptions = { staleAfterMs: 120_000, intervalMs: 30_000 };

/**
 * PAYRAIL_PROCESSING_STALE_AFTER_MS (default 120000) and PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS (default
 * 30000): when a `processing` intent's gateway call is taken for lost, and how often to look.
 */
export function processingSweepOptions(env: NodeJS.ProcessEnv): ProcessingSweepOptions {
  return {
    staleAfterMs: positiveMs(env, 'PAYRAIL_PROCESSING_STALE_AFTER_MS', DEFAULT_PROCESSING_SWEEP.staleAfterMs),
    intervalMs: positiveMs(env, 'PAYRAIL_PROCESSING_SWEEP_INTERVAL_MS', DEFAULT_PROCESSING_SWEEP.intervalMs),
  };
}

function positiveMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds, not '${raw}'`);
  return value;
}
