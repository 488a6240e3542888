import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '@payrail/persistence';
import { CheckoutSessionLifecycle } from './checkout-session-lifecycle.js';
import { CheckoutSessionsRepository } from './checkout-sessions.repository.js';

const INTERVAL_MS = 30_000;
const BATCH = 50;

/**
 * Open sessions past `expires_at` are expired (and `checkout.session.expired` sent) within about
 * 30 s, whether or not anyone looks at them. Replicas may overlap: expiry is a guarded move, once.
 */
@Injectable()
export class CheckoutExpirySweeper extends PeriodicTask {
  constructor(
    private readonly sessions: CheckoutSessionsRepository,
    private readonly lifecycle: CheckoutSessionLifecycle,
  ) {
    super(CheckoutExpirySweeper.name, INTERVAL_MS);
  }

  /** Expires the sessions due now; returns how many it looked at. */
  async runOnce(now: Date = new Date()): Promise<number> {
    const due = await this.sessions.findExpiredOpen(now, BATCH);
    for (const session of due) {
      if (this.stopped) break;
      try {
        await this.lifecycle.expire(session);
      } catch (error) {
        this.logger.warn(`Could not expire ${session.id} yet: ${(error as Error).message}`);
      }
    }
    return due.length;
  }
}
