import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@payrail/persistence';
import { WEBHOOK_DISPATCH_CONFIG, type WebhookDispatchConfig } from '../config/webhook-dispatch.config.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';

const INTERVAL_MS = 10 * 60_000;
const BATCH = 500;

/**
 * Retires the hidden endpoints of transactions that can be sent nothing more: an unpaid session's once
 * its `payment.failed` is delivered or given up, a paid one's after PAYRAIL_TRANSACTION_WEBHOOK_RETENTION_SECONDS
 * (refunds and disputes come within it). Retiring is the soft delete every endpoint has, so their
 * delivery logs stay readable; replicas may overlap, each row being taken by one.
 */
@Injectable()
export class TransactionWebhookSweeper extends PeriodicTask {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    @Inject(WEBHOOK_DISPATCH_CONFIG) private readonly config: WebhookDispatchConfig,
  ) {
    super(TransactionWebhookSweeper.name, INTERVAL_MS);
  }

  /** Retires what is due at `now`; returns how many. */
  async runOnce(now: Date = new Date()): Promise<number> {
    const paidBefore = new Date(now.getTime() - this.config.transactionWebhookRetentionSeconds * 1000);
    let retired = 0;
    for (;;) {
      const batch = await this.endpoints.retireTransactionEndpoints(now, paidBefore, BATCH);
      retired += batch.length;
      if (batch.length < BATCH || this.stopped) return retired;
    }
  }
}
