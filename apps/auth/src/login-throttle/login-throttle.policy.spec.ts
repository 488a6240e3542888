import { DEFAULT_LOGIN_THROTTLE, LoginThrottlePolicy, type LoginAttemptState } from './login-throttle.policy.js';

const T0 = new Date('2026-03-01T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const failed = (failures: number, lastFailureMsAgo = 0, lockedUntil: Date | null = null): LoginAttemptState => ({
  failures,
  lastFailureAt: at(-lastFailureMsAgo),
  lockedUntil,
});

describe('LoginThrottlePolicy (defaults)', () => {
  const policy = new LoginThrottlePolicy();

  it('lets a subject with no failures, or fewer than three, try at once', () => {
    expect(policy.decide(null, T0)).toEqual({ admitted: true, spaced: false, failures: 0 });
    expect(policy.decide(failed(2), T0)).toEqual({ admitted: true, spaced: false, failures: 2 });
  });

  it('after three failures makes each attempt wait 1, 2, 4, 8, 16 s, then at most 30 s, after the last failure', () => {
    expect([3, 4, 5, 6, 7, 8, 9, 20].map((failures) => policy.delayMs(failures))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(policy.decide(failed(3, 400), T0)).toEqual({ admitted: false, reason: 'throttled', retryAfterSeconds: 1 });
    expect(policy.decide(failed(6, 1000), T0)).toEqual({ admitted: false, reason: 'throttled', retryAfterSeconds: 7 });
    expect(policy.decide(failed(6, 8000), T0)).toEqual({ admitted: true, spaced: true, failures: 6 });
    expect(policy.decide(failed(9, 29_000), T0)).toEqual({ admitted: false, reason: 'throttled', retryAfterSeconds: 1 });
  });

  it('refuses a locked subject until its lock ends, saying when', () => {
    const lockedUntil = at(15 * 60_000 - 500);
    expect(policy.decide(failed(10, 500, lockedUntil), T0)).toEqual({ admitted: false, reason: 'locked', lockedUntil, retryAfterSeconds: 900 });
    // Once the lock is over, one attempt; the next failure locks again (see LoginAttemptsRepository.recordFailure).
    expect(policy.decide(failed(10, 15 * 60_000, at(0)), T0)).toEqual({ admitted: true, spaced: true, failures: 10 });
  });

  it('forgets failures older than an hour', () => {
    expect(policy.decide(failed(9, 3600_000), T0)).toEqual({ admitted: true, spaced: false, failures: 0 });
    expect(policy.decide(failed(9, 3600_000 - 1), T0)).toEqual({ admitted: true, spaced: true, failures: 9 });
  });

  it('says whole seconds, never zero, however little is left', () => {
    expect(policy.decide(failed(3, 999), T0)).toMatchObject({ retryAfterSeconds: 1 });
    expect(policy.decide(failed(10, 0, at(1)), T0)).toMatchObject({ reason: 'locked', retryAfterSeconds: 1 });
  });
});

describe('LoginThrottlePolicy (configured)', () => {
  it('takes its thresholds from its settings, so that they can be made tiny', () => {
    const policy = new LoginThrottlePolicy({ ...DEFAULT_LOGIN_THROTTLE, freeFailures: 1, baseDelayMs: 10, maxDelayMs: 25 });
    expect([0, 1, 2, 3, 4].map((failures) => policy.delayMs(failures))).toEqual([0, 10, 20, 25, 25]);
    expect(policy.decide(failed(2, 19), T0)).toMatchObject({ admitted: false, reason: 'throttled' });
    expect(policy.decide(failed(2, 20), T0)).toMatchObject({ admitted: true, spaced: true });
  });

  it('does not overflow for long runs', () => {
    const policy = new LoginThrottlePolicy({ ...DEFAULT_LOGIN_THROTTLE, lockAfterFailures: 1000 });
    expect(policy.delayMs(900)).toBe(30_000);
  });
});
