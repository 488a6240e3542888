import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '@payrail/persistence';
import { LateGatewayPaymentsService } from './late-gateway-payments.service.js';
import { LatePaymentWatchesRepository } from './late-payment-watches.repository.js';

const INTERVAL_MS = 5 * 60_000;
const BATCH = 50;

/**
 * Looks again at the Razorpay orders of canceled intents on their schedule (LATE_PAYMENT_LOOKS_AFTER_MS) and
 * gives back what was paid on them: the one way Payrail learns of a late payment when no webhook is set
 * up and the customer never comes back. A look that fails (Razorpay unreachable) is made again once its
 * lease runs out; replicas never take the same watch.
 */
@Injectable()
export class LatePaymentsSweeper extends PeriodicTask {
  constructor(
    private readonly watches: LatePaymentWatchesRepository,
    private readonly latePayments: LateGatewayPaymentsService,
  ) {
    super(LatePaymentsSweeper.name, INTERVAL_MS);
  }

  /** Makes the looks due at `now`; answers how many refunds they made or found. */
  async runOnce(now: Date = new Date()): Promise<number> {
    let refunds = 0;
    for (;;) {
      const due = await this.watches.takeDue(now, BATCH);
      for (const watch of due) {
        if (this.stopped) return refunds;
        try {
          refunds += await this.latePayments.lookAgain(watch);
          await this.watches.looked(watch);
        } catch (error) {
          this.logger.warn(`Could not look at the order of ${watch.authorizationId} for late payments: ${(error as Error).message}`);
        }
      }
      if (due.length < BATCH || this.stopped) return refunds;
    }
  }
}
