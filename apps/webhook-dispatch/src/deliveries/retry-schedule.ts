/** Seven retries backing off from a minute to a day: the last is about 42 hours after the first try. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [60_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 86_400_000];

/**
 * `PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS`: comma-separated delays before each retry, in milliseconds. A
 * delivery is attempted once, then once after each delay, then given up. Unset or blank: the default.
 */
export function parseRetrySchedule(value: string | undefined): readonly number[] {
  if (value === undefined || value.trim() === '') return DEFAULT_RETRY_SCHEDULE_MS;
  const delays = value.split(',').map((part) => part.trim());
  if (delays.some((delay) => !/^\d+$/.test(delay) || !Number.isSafeInteger(Number(delay)))) {
    throw new Error('PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS must be comma-separated whole numbers of milliseconds');
  }
  return delays.map(Number);
}

/** The delay before the next attempt after `attemptsMade` failed ones, or `null` when retries are used up. */
export function nextRetryDelay(schedule: readonly number[], attemptsMade: number): number | null {
  return attemptsMade >= 1 && attemptsMade <= schedule.length ? schedule[attemptsMade - 1] : null;
}
