import { DEFAULT_LOGIN_THROTTLE, LoginThrottlePolicies, LoginThrottlePolicy, type LoginAttemptState } from './login-throttle.policy.js';

const T0 = new Date('2026-03-01T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const failed = (failures: number, lastFailureMsAgo = 0, lockedUntil: Date | null = null, windowStartedMsAgo = lastFailureMsAgo): LoginAttemptState => ({
  failures,
  windowStartedAt: at(-windowStartedMsAgo),
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

  it('forgets the failures of a window that began an hour ago, however recent its last failure', () => {
    expect(policy.decide(failed(9, 3600_000), T0)).toEqual({ admitted: true, spaced: false, failures: 0 });
    expect(policy.decide(failed(9, 3600_000 - 1), T0)).toEqual({ admitted: true, spaced: true, failures: 9 });
    expect(policy.decide(failed(9, 31_000, null, 3600_000), T0)).toEqual({ admitted: true, spaced: false, failures: 0 });
    expect(policy.decide(failed(9, 1000, null, 3600_000 - 1), T0)).toEqual({ admitted: false, reason: 'throttled', retryAfterSeconds: 29 });
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

describe('LoginThrottlePolicies (defaults)', () => {
  const policies = new LoginThrottlePolicies();

  it('locks a username only per source; a client, a source and a username from everywhere are only ever slowed down', () => {
    expect(policies.userFromSource.settings.lockAfterFailures).toBe(10);
    expect(policies.clientFromSource.settings.lockAfterFailures).toBeNull();
    expect(policies.source.settings.lockAfterFailures).toBeNull();
    expect(policies.username.settings.lockAfterFailures).toBeNull();
    // Never locked, however many failures: still one attempt per 30 s.
    expect(policies.clientFromSource.decide(failed(500, 30_000), T0)).toEqual({ admitted: true, spaced: true, failures: 500 });
  });

  it('lets a source fail 30 times, and a username 100 times an hour from everywhere, before slowing them down', () => {
    expect(policies.source.decide(failed(29), T0)).toMatchObject({ admitted: true, spaced: false });
    expect(policies.source.decide(failed(30), T0)).toMatchObject({ admitted: false, reason: 'throttled', retryAfterSeconds: 1 });
    expect(policies.username.decide(failed(99), T0)).toMatchObject({ admitted: true, spaced: false });
    expect(policies.username.decide(failed(100), T0)).toMatchObject({ admitted: false, reason: 'throttled' });
    expect(policies.longestWindowMs).toBe(3600_000);
  });
});
