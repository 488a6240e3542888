import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { ReconciliationSchedule } from '@payrail/domain';
import { PeriodicTask } from '@payrail/persistence';
import { REFUND_RECONCILIATION_OPTIONS, type RefundReconciliationOptions } from '../config/refunds.config.js';
import { RefundsService } from '../refunds/refunds.service.js';
import { RefundReconciliationRepository, type ClaimedRefund } from './refund-reconciliation.repository.js';

const BATCH = 20;
/** Long enough for one try (the bus gives up on a reply well before): the lease of the week's last try. */
const LAST_TRY_LEASE_MS = 120_000;

/**
 * No refund stays `pending` for good: one the gateway settles later, or whose answer was lost, is asked
 * about on the reconciliation schedule (about 1, 5 and 15 min, 1 and 6 h, a day, then daily for a week
 * after it was made) and its answer recorded as a live one is (refund.updated, refund.failed). Replicas
 * share the schedule through the row; after the week the refund stays pending, flagged `gave_up`, and an
 * alert is logged for an operator.
 */
@Injectable()
export class RefundReconciler extends PeriodicTask {
  private readonly schedule: ReconciliationSchedule;

  constructor(
    private readonly reconciliations: RefundReconciliationRepository,
    private readonly refunds: RefundsService,
    @Inject(REFUND_RECONCILIATION_OPTIONS) options: RefundReconciliationOptions,
  ) {
    super(RefundReconciler.name, options.intervalMs);
    this.schedule = new ReconciliationSchedule(options.scheduleMs);
  }

  /** Tries the refunds due now; returns how many it tried. */
  async runOnce(): Promise<number> {
    const now = new Date();
    const firstDueBefore = new Date(now.getTime() - this.schedule.firstAfterMs);
    const due = await this.reconciliations.claimDue(now, firstDueBefore, BATCH, (createdAt) => this.schedule.nextAttemptAt(createdAt, now) ?? new Date(now.getTime() + LAST_TRY_LEASE_MS));
    for (const claimed of due) {
      if (this.stopped) break;
      await this.tryOnce(claimed);
    }
    return due.length;
  }

  /** A gateway's callback says the payment was refunded: its pending refunds are asked about now, through the same path. */
  async onRefundCallback(caller: Caller, paymentIntentId: string): Promise<void> {
    for (const refund of await this.reconciliations.findPendingOfPayment(caller, paymentIntentId)) {
      const unsettled = await this.refunds.reconcile(caller, refund);
      if (unsettled) this.logger.warn(`A refund callback named ${paymentIntentId}, but ${refund.id} is still pending: ${unsettled}`);
    }
  }

  private async tryOnce({ id, createdAt, attempt }: ClaimedRefund): Promise<void> {
    const refund = await this.reconciliations.findById(id);
    if (!refund || refund.status !== 'pending') return;
    const caller: Caller = { merchantId: refund.merchantId, livemode: refund.livemode };
    let unsettled: string | null;
    try {
      unsettled = await this.refunds.reconcile(caller, refund);
    } catch (error) {
      unsettled = (error as Error).message;
    }
    if (unsettled === null) return;
    const giveUp = this.schedule.nextAttemptAt(createdAt, new Date()) === null;
    if (!(await this.reconciliations.recordUnsettled(id, unsettled, giveUp))) return;
    if (giveUp) {
      this.logger.error(`ALERT: reconciliation gave up on refund ${id} after ${attempt} tries over a week; it stays pending for an operator. Last error: ${unsettled}`);
    } else {
      this.logger.warn(`Refund ${id} still pending after try ${attempt}: ${unsettled}`);
    }
  }
}
