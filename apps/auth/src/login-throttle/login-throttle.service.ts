import { Injectable } from '@nestjs/common';
import { LoginAttemptsRepository } from './login-attempts.repository.js';
import { LoginThrottlePolicies, type LoginThrottlePolicy, type ThrottleDecision, type ThrottleRefusal } from './login-throttle.policy.js';
import { throttledSourceOf } from '@payrail/domain';

/** Which counter refused an attempt: the caller's source address, the credential from that source, or the username from anywhere. */
export type ThrottledBy = 'source' | 'subject-from-source' | 'subject';

export type AttemptRefusal = ThrottleRefusal & { by: ThrottledBy };

/** How a throttled attempt went: the credentials' proof, a failure (now counted), or no check at all. */
export type AttemptOutcome<T> = { outcome: 'accepted'; value: T } | { outcome: 'failed' } | { outcome: 'refused'; refusal: AttemptRefusal };

interface Counter {
  subject: string;
  by: ThrottledBy;
  policy: LoginThrottlePolicy;
}

type Admission = { admitted: true; counted: Set<string> } | AttemptRefusal;

/** Rounds of read-then-take before giving up on a slot that concurrent attempts keep taking first. */
const MAX_ROUNDS = 3;

/**
 * Slows down (and, per source, locks) repeated failures, keyed by what was presented whether or not it
 * exists, so that the answers tell nothing about which do. Counters, by subject:
 * `source:<address>` every failure from an address; `user@<address> <username>` and
 * `client@<address> <client_id>` a credential's failures from one address; `user:<username>` a
 * username's failures from everywhere. An address contains no space, so no two of them can collide.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly attempts: LoginAttemptsRepository,
    private readonly policies: LoginThrottlePolicies,
  ) {}

  /** A dashboard login (or password change) for `username` (as normalised by the caller) from `sourceAddress`. */
  attemptAsUser<T>(username: string, sourceAddress: string, verify: () => Promise<T | null>): Promise<AttemptOutcome<T>> {
    const source = throttledSourceOf(sourceAddress);
    return this.attempt(
      [
        { subject: `source:${source}`, by: 'source', policy: this.policies.source },
        { subject: `user@${source} ${username}`, by: 'subject-from-source', policy: this.policies.userFromSource },
        { subject: `user:${username}`, by: 'subject', policy: this.policies.username },
      ],
      verify,
    );
  }

  /** A confidential client's secret from `sourceAddress`: nothing counts per client alone, so nobody can lock a client out. */
  attemptAsClient<T>(clientId: string, sourceAddress: string, verify: () => Promise<T | null>): Promise<AttemptOutcome<T>> {
    const source = throttledSourceOf(sourceAddress);
    return this.attempt(
      [
        { subject: `source:${source}`, by: 'source', policy: this.policies.source },
        { subject: `client@${source} ${clientId}`, by: 'subject-from-source', policy: this.policies.clientFromSource },
      ],
      verify,
    );
  }

  /**
   * Checks credentials through `verify` (null: they do not match) if every counter lets the attempt
   * through now: a failure counts on each, a success clears the credential's counter from this source
   * (never the source's or the username's, which a guesser holding credentials of their own could
   * otherwise wipe), and a refused attempt is not checked at all.
   */
  private async attempt<T>(counters: Counter[], verify: () => Promise<T | null>): Promise<AttemptOutcome<T>> {
    const admission = await this.admit(counters);
    if ('reason' in admission) return { outcome: 'refused', refusal: admission };
    const value = await verify();
    if (value === null) {
      for (const counter of counters) await this.attempts.recordFailure(counter.subject, counter.policy.settings);
      return { outcome: 'failed' };
    }
    const own = counters.find((counter) => counter.by === 'subject-from-source')!;
    if (admission.counted.has(own.subject)) await this.attempts.clear(own.subject);
    return { outcome: 'accepted', value };
  }

  /** Whether the attempt may check its credentials now; a refusal names the counter that waits longest. */
  private async admit(counters: Counter[]): Promise<Admission> {
    let contended: ThrottledBy = counters[0].by;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { states, now } = await this.attempts.read(counters.map((counter) => counter.subject));
      const decisions = counters.map((counter) => ({ counter, decision: counter.policy.decide(states.get(counter.subject) ?? null, now) }));
      let refusal: AttemptRefusal | undefined;
      for (const { counter, decision } of decisions) {
        if (!decision.admitted && (!refusal || decision.retryAfterSeconds > refusal.retryAfterSeconds)) refusal = { ...decision, by: counter.by };
      }
      if (refusal) return refusal;
      // Once slowed down, one attempt per wait: of concurrent attempts only the one that takes every slot goes on.
      const slotsTaken = await this.takeSlots(decisions);
      if (slotsTaken === true) return { admitted: true, counted: new Set(states.keys()) };
      contended = slotsTaken.by;
    }
    return { admitted: false, reason: 'throttled', retryAfterSeconds: 1, by: contended };
  }

  /** True when this attempt took the slot of every slowed-down counter; otherwise the first counter whose slot another took. */
  private async takeSlots(decisions: Array<{ counter: Counter; decision: ThrottleDecision }>): Promise<true | Counter> {
    for (const { counter, decision } of decisions) {
      if (!decision.admitted || !decision.spaced) continue;
      if (!(await this.attempts.takeSlot(counter.subject, decision.failures, counter.policy.delayMs(decision.failures)))) return counter;
    }
    return true;
  }
}
