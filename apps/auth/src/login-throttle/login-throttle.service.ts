import { Injectable } from '@nestjs/common';
import { LoginAttemptsRepository } from './login-attempts.repository.js';
import { LoginThrottlePolicy, type ThrottleRefusal } from './login-throttle.policy.js';

type Admission = { admitted: true; hadFailures: boolean } | ThrottleRefusal;

/** How a throttled attempt went: the credentials' proof, a failure (now counted), or no check at all. */
export type AttemptOutcome<T> = { outcome: 'accepted'; value: T } | { outcome: 'failed' } | { outcome: 'refused'; refusal: ThrottleRefusal };

/** Rounds of read-then-take before giving up on a slot that concurrent attempts keep taking first. */
const MAX_ROUNDS = 3;

/**
 * Slows down and locks repeated failures per subject (`user:<username>`, `client:<client_id>`), keyed by
 * what was presented whether or not it exists, so that the answers tell nothing about which do.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly attempts: LoginAttemptsRepository,
    private readonly policy: LoginThrottlePolicy,
  ) {}

  /**
   * Checks credentials through `verify` (null: they do not match) if the subject may try now: a failure
   * is counted, a success clears the count, and a slowed or locked subject is refused without a check.
   */
  async attempt<T>(subject: string, verify: () => Promise<T | null>): Promise<AttemptOutcome<T>> {
    const admission = await this.admit(subject);
    if (!admission.admitted) return { outcome: 'refused', refusal: admission };
    const value = await verify();
    if (value === null) {
      await this.attempts.recordFailure(subject, this.policy.settings);
      return { outcome: 'failed' };
    }
    if (admission.hadFailures) await this.attempts.clear(subject);
    return { outcome: 'accepted', value };
  }

  /** Whether the subject may check its credentials now; a refusal says for how long it may not. */
  private async admit(subject: string): Promise<Admission> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { state, now } = await this.attempts.read(subject);
      const decision = this.policy.decide(state, now);
      if (!decision.admitted) return decision;
      if (!decision.spaced) return { admitted: true, hadFailures: state !== null };
      // Once slowed down, one attempt per wait: of concurrent attempts only the one that takes the slot goes on.
      if (await this.attempts.takeSlot(subject, decision.failures, this.policy.delayMs(decision.failures))) {
        return { admitted: true, hadFailures: true };
      }
    }
    return { admitted: false, reason: 'throttled', retryAfterSeconds: 1 };
  }
}
