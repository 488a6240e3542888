/** Nine retries backing off from a minute to a day: the last is about 2.9 days after the first try, as Stripe's 3 days. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  60_000, 300_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 86_400_000,
];

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

/** The schedule a delivery to an endpoint follows: its own (in seconds) or the platform's default. */
export function endpointRetryScheduleMs(endpointScheduleSeconds: readonly number[] | null, platformDefaultMs: readonly number[]): readonly number[] {
  return endpointScheduleSeconds === null ? platformDefaultMs : endpointScheduleSeconds.map((seconds) => seconds * 1000);
}
