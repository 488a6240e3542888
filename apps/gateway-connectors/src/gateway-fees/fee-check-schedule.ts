import type { GatewayFee } from '@payrail/contracts';
import type { GatewayFeeBackfillOptions } from '../config/gateway-connectors.config.js';

/** The longest wait between two checks of one fee. */
export const FEE_CHECK_BACKOFF_CAP_MS = 3_600_000;

/** The wait after the `checks`-th check: the backfill's interval, doubling with each check, at most an hour. */
export function feeCheckDelayMs(checks: number, intervalMs: number): number {
  return Math.min(intervalMs * 2 ** Math.max(checks - 1, 0), FEE_CHECK_BACKOFF_CAP_MS);
}

/** What one check learnt: the fee, not yet (the gateway has not accounted it), or the call failed. */
export type FeeCheckAnswer = { kind: 'fee'; fee: GatewayFee } | { kind: 'not_yet' } | { kind: 'error'; reason: string };

export type FeeCheckVerdict = { kind: 'book'; fee: GatewayFee } | { kind: 'ask_again'; at: Date } | { kind: 'give_up' };

/**
 * After a check: book the fee; or, without one (not yet, or the gateway could not be asked), ask again after
 * the backoff, the last time at the give-up age; past that age, give up.
 */
export function feeCheckVerdict(
  answer: FeeCheckAnswer,
  awaited: { since: Date; checks: number },
  now: Date,
  options: GatewayFeeBackfillOptions,
): FeeCheckVerdict {
  if (answer.kind === 'fee') return { kind: 'book', fee: answer.fee };
  const deadline = awaited.since.getTime() + options.giveUpAfterMs;
  if (now.getTime() >= deadline) return { kind: 'give_up' };
  return { kind: 'ask_again', at: new Date(Math.min(now.getTime() + feeCheckDelayMs(awaited.checks, options.intervalMs), deadline)) };
}
