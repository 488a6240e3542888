/** How failed attempts slow down, then lock, a subject (a username or a client id as presented). */
export interface LoginThrottleSettings {
  /** Consecutive failures answered without any wait. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** At this many consecutive failures the subject is locked. */
  lockAfterFailures: number;
  lockMs: number;
  /** A failure older than this no longer counts: the next one starts a new run. */
  failureWindowMs: number;
}

/** After 3 failures: waits of 1, 2, 4, 8, 16 s, then 30 s; locked for 15 minutes at the 10th; forgotten after an hour. */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleSettings = {
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  lockAfterFailures: 10,
  lockMs: 15 * 60_000,
  failureWindowMs: 60 * 60_000,
};

export interface LoginAttemptState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export type ThrottleDecision =
  /** `spaced`: the subject is being slowed down, so this attempt uses up the slot it was waiting for. */
  | { admitted: true; spaced: boolean; failures: number }
  | { admitted: false; reason: 'throttled'; retryAfterSeconds: number }
  | { admitted: false; reason: 'locked'; lockedUntil: Date; retryAfterSeconds: number };

export type ThrottleRefusal = Extract<ThrottleDecision, { admitted: false }>;

/** Whole seconds until `until`, at least 1: what a Retry-After header can say. */
function secondsUntil(until: number, now: Date): number {
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

export class LoginThrottlePolicy {
  constructor(readonly settings: LoginThrottleSettings = DEFAULT_LOGIN_THROTTLE) {}

  /** How long after the last failure the next attempt must wait, given the failures so far. */
  delayMs(failures: number): number {
    const { freeFailures, baseDelayMs, maxDelayMs } = this.settings;
    if (failures < freeFailures) return 0;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(failures - freeFailures, 30));
  }

  /** Whether an attempt may check its password now, by the database's clock `now`. */
  decide(state: LoginAttemptState | null, now: Date): ThrottleDecision {
    if (state?.lockedUntil && state.lockedUntil > now) {
      return { admitted: false, reason: 'locked', lockedUntil: state.lockedUntil, retryAfterSeconds: secondsUntil(state.lockedUntil.getTime(), now) };
    }
    const failures = this.countingFailures(state, now);
    if (failures < this.settings.freeFailures) return { admitted: true, spaced: false, failures };
    const retryAt = state!.lastFailureAt.getTime() + this.delayMs(failures);
    if (now.getTime() < retryAt) return { admitted: false, reason: 'throttled', retryAfterSeconds: secondsUntil(retryAt, now) };
    return { admitted: true, spaced: true, failures };
  }

  private countingFailures(state: LoginAttemptState | null, now: Date): number {
    if (!state) return 0;
    return now.getTime() - state.lastFailureAt.getTime() >= this.settings.failureWindowMs ? 0 : state.failures;
  }
}
