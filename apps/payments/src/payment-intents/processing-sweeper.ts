import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@payrail/persistence';
import { ConfirmationRecovery, isConfirmationStep } from './confirmation-recovery.js';
import { PaymentIntentSettlementsService } from './payment-intent-settlements.service.js';
import { PaymentIntentsRepository } from './payment-intents.repository.js';
import { PROCESSING_SWEEP_OPTIONS, type ProcessingSweepOptions } from './processing-sweep-options.js';

const BATCH = 100;

/**
 * No intent stays `processing` for good: one whose gateway call was cut short (the process died, the
 * reply was lost) is settled from the gateway's record of that call, as a retried request would be.
 * Intents the gateway cannot answer for yet stay `processing` and are tried again on the next pass.
 */
@Injectable()
export class ProcessingSweeper extends PeriodicTask {
  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly recovery: ConfirmationRecovery,
    private readonly settlements: PaymentIntentSettlementsService,
    @Inject(PROCESSING_SWEEP_OPTIONS) private readonly options: ProcessingSweepOptions,
  ) {
    super(ProcessingSweeper.name, options.intervalMs);
  }

  /** Sweeps the intents stale now; returns how many it looked at. */
  async runOnce(): Promise<number> {
    const stale = await this.intents.findStaleProcessing(new Date(Date.now() - this.options.staleAfterMs), BATCH);
    for (const intent of stale) {
      if (this.stopped) break;
      const caller = { merchantId: intent.merchantId, livemode: intent.livemode };
      try {
        if (isConfirmationStep(intent.inFlight)) await this.recovery.resolve(caller, intent);
        else await this.settlements.resume(caller, intent);
      } catch (error) {
        this.logger.warn(`Could not settle ${intent.id}, still processing: ${(error as Error).message}`);
      }
    }
    return stale.length;
  }
}
