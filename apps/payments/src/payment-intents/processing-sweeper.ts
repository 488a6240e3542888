import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@payrail/contracts';
import { ReconciliationSchedule } from '@payrail/domain';
import { PeriodicTask } from '@payrail/persistence';
import { ConfirmationRecovery, isConfirmationStep } from './confirmation-recovery.js';
import type { PaymentIntentEntity } from './payment-intent.entity.js';
import { PaymentIntentSettlementsService } from './payment-intent-settlements.service.js';
import { PROCESSING_SWEEP_OPTIONS, type ProcessingSweepOptions } from './processing-sweep-options.js';
import { ProcessingReconciliationRepository, type ClaimedReconciliation } from './processing-reconciliation.repository.js';

const BATCH = 20;

/**
 * No intent stays `processing` for good: one whose gateway call was cut short (the process died, the
 * reply was lost) is settled from the gateway's record of that call, as a retried request would be, on
 * the reconciliation schedule (first once the call is stale, then 5 and 15 min, 1 and 6 h, a day, then
 * daily for a week). Replicas share the schedule through the row; after the week the intent is left
 * `processing`, flagged `gave_up`, and an alert is logged for an operator.
 */
@Injectable()
export class ProcessingSweeper extends PeriodicTask {
  private readonly schedule: ReconciliationSchedule;

  constructor(
    private readonly reconciliations: ProcessingReconciliationRepository,
    private readonly recovery: ConfirmationRecovery,
    private readonly settlements: PaymentIntentSettlementsService,
    @Inject(PROCESSING_SWEEP_OPTIONS) private readonly options: ProcessingSweepOptions,
  ) {
    super(ProcessingSweeper.name, options.intervalMs);
    this.schedule = new ReconciliationSchedule(options.scheduleMs, options.staleAfterMs);
  }

  /** Tries the intents due now; returns how many it tried. */
  async runOnce(): Promise<number> {
    const now = new Date();
    const due = await this.reconciliations.claimDue(now, new Date(now.getTime() - this.options.staleAfterMs), BATCH, (since) => this.leaseUntil(since, now));
    for (const claimed of due) {
      if (this.stopped) break;
      await this.tryOnce(claimed);
    }
    return due.length;
  }

  /** The next scheduled try, or (for the week's last try) long enough for this one to finish. */
  private leaseUntil(unknownSince: Date, now: Date): Date {
    return this.schedule.nextAttemptAt(unknownSince, now) ?? new Date(now.getTime() + this.options.staleAfterMs);
  }

  private async tryOnce({ id, unknownSince, attempt }: ClaimedReconciliation): Promise<void> {
    const intent = await this.reconciliations.findById(id);
    if (!intent || intent.status !== 'processing') return;
    const caller: Caller = { merchantId: intent.merchantId, livemode: intent.livemode };
    let unsettled: string | null;
    try {
      if (isConfirmationStep(intent.inFlight)) unsettled = await this.recovery.settle(caller, intent);
      else unsettled = await this.resume(caller, intent);
    } catch (error) {
      unsettled = (error as Error).message;
    }
    if (unsettled === null) return;
    const giveUp = this.schedule.nextAttemptAt(unknownSince, new Date()) === null;
    if (!(await this.reconciliations.recordUnsettled(id, unsettled, giveUp))) return;
    if (giveUp) {
      this.logger.error(`ALERT: reconciliation gave up on ${id} after ${attempt} tries over a week; it stays processing for an operator. Last error: ${unsettled}`);
    } else {
      this.logger.warn(`Could not settle ${id} (try ${attempt}), still processing: ${unsettled}`);
    }
  }

  /** A capture or void in flight; null once it is settled. */
  private async resume(caller: Caller, intent: PaymentIntentEntity): Promise<string | null> {
    await this.settlements.resume(caller, intent);
    const after = await this.reconciliations.findById(intent.id);
    return after?.status === 'processing' && after.updatedAt.getTime() === intent.updatedAt.getTime() ? 'the gateway has not settled it yet' : null;
  }
}
