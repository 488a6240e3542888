import { DEFAULT_RETRY_SCHEDULE_MS, endpointRetryScheduleMs, nextRetryDelay, parseRetrySchedule } from './retry-schedule.js';

describe('webhook retry schedule', () => {
  it('defaults to nine retries spread over about three days, as Stripe', () => {
    expect(parseRetrySchedule(undefined)).toBe(DEFAULT_RETRY_SCHEDULE_MS);
    expect(parseRetrySchedule('  ')).toBe(DEFAULT_RETRY_SCHEDULE_MS);
    const total = DEFAULT_RETRY_SCHEDULE_MS.reduce((sum, delay) => sum + delay, 0);
    expect(DEFAULT_RETRY_SCHEDULE_MS).toHaveLength(9);
    expect(total / 86_400_000).toBeGreaterThan(2.5);
    expect(total / 86_400_000).toBeLessThanOrEqual(3);
  });

  it('reads comma-separated milliseconds, spaces allowed', () => {
    expect(parseRetrySchedule('200,400')).toEqual([200, 400]);
    expect(parseRetrySchedule(' 0 , 1000 ')).toEqual([0, 1000]);
  });

  it('refuses anything that is not a whole number of milliseconds', () => {
    for (const value of ['200,,400', '-5', '1.5', 'soon', '200;400', '99999999999999999999']) {
      expect(() => parseRetrySchedule(value)).toThrow('PAYRAIL_WEBHOOK_RETRY_SCHEDULE_MS');
    }
  });

  it('waits the nth delay after the nth failed attempt, and gives up after the last', () => {
    const schedule = [200, 400];
    expect(nextRetryDelay(schedule, 1)).toBe(200);
    expect(nextRetryDelay(schedule, 2)).toBe(400);
    expect(nextRetryDelay(schedule, 3)).toBeNull();
    expect(nextRetryDelay([], 1)).toBeNull();
  });

  it('runs the gateway document\'s 1, 5, 15 minutes as written: three retries, then failed', () => {
    const schedule = endpointRetryScheduleMs([60, 300, 900], DEFAULT_RETRY_SCHEDULE_MS);
    expect([1, 2, 3, 4].map((attemptsMade) => nextRetryDelay(schedule, attemptsMade))).toEqual([60_000, 300_000, 900_000, null]);
    expect(endpointRetryScheduleMs(null, DEFAULT_RETRY_SCHEDULE_MS)).toBe(DEFAULT_RETRY_SCHEDULE_MS);
  });
});
