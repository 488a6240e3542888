import { Injectable } from '@nestjs/common';
import { PeriodicPurger } from '@payrail/persistence';
import { LoginAttemptsRepository } from './login-attempts.repository.js';
import { LoginThrottlePolicies } from './login-throttle.policy.js';

/** Deletes counters whose window and lock are over: they already weigh nothing. */
@Injectable()
export class StaleLoginAttemptsPurger extends PeriodicPurger {
  constructor(
    private readonly attempts: LoginAttemptsRepository,
    private readonly policies: LoginThrottlePolicies,
  ) {
    super('login attempts', 10 * 60 * 1000);
  }

  protected purgeBatch(limit: number): Promise<number> {
    return this.attempts.purgeStale(this.policies.longestWindowMs, limit);
  }
}
