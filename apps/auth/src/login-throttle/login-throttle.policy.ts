/** How failed attempts slow down, then perhaps lock, one counter (see LoginThrottle for what is counted). */
export interface LoginThrottleSettings {
  /** Failures in a window answered without any wait. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** At this many failures in a window the counter is locked; null: it is only ever slowed down. */
  lockAfterFailures: number | null;
  lockMs: number;
  /** Failures count for this long from the window's first one; the next failure after it starts a new window. */
  failureWindowMs: number;
}

/**
 * Per (username or client, source address): after 3 failures waits of 1, 2, 4, 8, 16 s, then 30 s; locked
 * for 15 minutes at the 10th; a window lasts an hour.
 */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleSettings = {
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  lockAfterFailures: 10,
  lockMs: 15 * 60_000,
  failureWindowMs: 60 * 60_000,
};

/** Free failures from one source address, whatever it tried: far more than the people behind one NAT mistype. */
export const DEFAULT_SOURCE_FREE_FAILURES = 30;
/** Free failures for one username from all sources together: far more than its owner types in an hour. */
export const DEFAULT_USERNAME_FREE_FAILURES = 100;

export interface LoginAttemptState {
  failures: number;
  windowStartedAt: Date;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export type ThrottleDecision =
  /** `spaced`: the counter is being slowed down, so this attempt uses up the slot it was waiting for. */
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

  /** Whether an attempt may check its credentials now, by the database's clock `now`. */
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
    return now.getTime() - state.windowStartedAt.getTime() >= this.settings.failureWindowMs ? 0 : state.failures;
  }
}

/**
 * The counters an attempt is weighed against. A guesser is slowed per source address (whatever it tries)
 * and per (username or client, source), so that nobody elsewhere can lock an owner out. A confidential
 * client is never locked (its long random secret cannot be guessed; a lock would only hand its owner's
 * availability to whoever knows the client id); a username is locked only per source, and across all
 * sources only slowed down, past a rate no person types.
 */
export class LoginThrottlePolicies {
  constructor(
    /** Per (username, source): slowed, then locked. */
    readonly userFromSource: LoginThrottlePolicy = new LoginThrottlePolicy(),
    /** Per source address, across every username and client: slowed, never locked. */
    readonly source: LoginThrottlePolicy = new LoginThrottlePolicy({
      ...DEFAULT_LOGIN_THROTTLE,
      freeFailures: DEFAULT_SOURCE_FREE_FAILURES,
      lockAfterFailures: null,
    }),
    /** Per username from every source: slowed, never locked. */
    readonly username: LoginThrottlePolicy = new LoginThrottlePolicy({
      ...DEFAULT_LOGIN_THROTTLE,
      freeFailures: DEFAULT_USERNAME_FREE_FAILURES,
      lockAfterFailures: null,
    }),
  ) {
    this.clientFromSource = new LoginThrottlePolicy({ ...userFromSource.settings, lockAfterFailures: null });
  }

  /** Per (client, source): slowed as a username is from one source, never locked. */
  readonly clientFromSource: LoginThrottlePolicy;

  /** The longest window any counter uses: a counter older than it weighs nothing. */
  get longestWindowMs(): number {
    return Math.max(...[this.userFromSource, this.source, this.username].map((policy) => policy.settings.failureWindowMs));
  }
}
