import { Inject, Injectable, Optional } from '@nestjs/common';
import { Topics } from '@payrail/contracts';
import { newEvent, ServiceMetrics, TransactionalOutbox, type GatewayFeeCheckOutcome } from '@payrail/messaging';
import { PeriodicTask } from '@payrail/persistence';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig, type GatewayFeeBackfillOptions } from '../config/gateway-connectors.config.js';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import { toRecordedEvent } from '../transactions/gateway-transaction.mapper.js';
import { AwaitedGatewayFeesRepository, type AwaitedGatewayFee } from './awaited-gateway-fees.repository.js';
import { feeCheckVerdict, type FeeCheckAnswer } from './fee-check-schedule.js';

const BATCH = 50;

/**
 * Stripe's fee for a payment whose answer had none yet (its charge's balance transaction is made once the
 * funds are accounted for): asks the gateway for it on a backoff (the interval, doubling, at most an hour),
 * and once it is there records it once (a conditional update only one pass or replica wins) with the
 * `gateway.transaction.recorded` event a fee reported with the capture has, which the ledger books through
 * its inbox. A failed call waits for the next check; past the give-up age the fee is abandoned with a
 * warning and `payrail_gateway_fee_checks_total{outcome="gave_up"}`. Gateways that never report fees
 * (the sandbox, M-Pesa) have no awaited fees and are never asked.
 */
@Injectable()
export class GatewayFeeBackfill extends PeriodicTask {
  private readonly options: GatewayFeeBackfillOptions;

  constructor(
    private readonly awaited: AwaitedGatewayFeesRepository,
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    private readonly outbox: TransactionalOutbox,
    @Inject(GATEWAY_CONNECTORS_CONFIG) config: Pick<GatewayConnectorsConfig, 'feeBackfill'>,
    @Optional() private readonly metrics?: ServiceMetrics,
  ) {
    super(GatewayFeeBackfill.name, config.feeBackfill.intervalMs);
    this.options = config.feeBackfill;
    this.metrics?.gatewayFeeChecksDeclared(registry.factories().map((factory) => factory.gateway));
  }

  /** Checks the fees due at `now`; answers how many it recorded. */
  async runOnce(now: Date = new Date()): Promise<number> {
    let recorded = 0;
    for (;;) {
      const due = await this.awaited.takeDue(now, BATCH);
      for (const fee of due) {
        if (this.stopped) return recorded;
        if (await this.check(fee, now)) recorded += 1;
      }
      if (due.length < BATCH || this.stopped) return recorded;
    }
  }

  private async check(awaited: AwaitedGatewayFee, now: Date): Promise<boolean> {
    const answer = await this.ask(awaited);
    const verdict = feeCheckVerdict(answer, { since: awaited.awaitedSince, checks: awaited.checks }, now, this.options);
    switch (verdict.kind) {
      case 'book': {
        const booked = await this.outbox.run(async ({ manager, publish }) => {
          const transaction = await this.awaited.recordFee(manager, awaited.transactionId, verdict.fee);
          if (!transaction) return false;
          // Keyed as the transaction's first event was (a capture by its authorisation) so that they stay in order.
          const key = transaction.kind === 'capture' && transaction.parentId ? transaction.parentId : transaction.id;
          await publish(Topics.ConnectorsEvents, newEvent('gateway.transaction.recorded', awaited.caller, key, toRecordedEvent(transaction)));
          return true;
        });
        if (booked) this.count(awaited, 'booked');
        return booked;
      }
      case 'ask_again':
        await this.awaited.askAgainAt(awaited.transactionId, verdict.at);
        if (answer.kind === 'error') this.logger.warn(`Could not ask ${awaited.gateway} for the fee of ${awaited.transactionId} (check ${awaited.checks}): ${answer.reason}`);
        this.count(awaited, answer.kind === 'error' ? 'error' : 'not_yet');
        return false;
      case 'give_up':
        if (await this.awaited.abandon(awaited.transactionId)) {
          this.logger.warn(
            `Gave up on the ${awaited.gateway} fee of ${awaited.transactionId} (charge ${awaited.reference}) after ${awaited.checks} checks since ${awaited.awaitedSince.toISOString()}: ` +
              `the costs view leaves it out. Last answer: ${answer.kind === 'error' ? answer.reason : 'no fee yet'}`,
          );
          this.count(awaited, 'gave_up');
        }
        return false;
    }
  }

  private async ask(awaited: AwaitedGatewayFee): Promise<FeeCheckAnswer> {
    try {
      const connector = await this.registry.connectorFor(awaited.caller, { gateway: awaited.gateway, gatewayAccountId: awaited.gatewayAccountId });
      if (!connector.lookUpFee) return { kind: 'error', reason: `${awaited.gateway} cannot be asked for a fee` };
      const fee = await connector.lookUpFee({ livemode: awaited.caller.livemode, reference: awaited.reference });
      return fee ? { kind: 'fee', fee } : { kind: 'not_yet' };
    } catch (error) {
      return { kind: 'error', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  private count(awaited: AwaitedGatewayFee, outcome: GatewayFeeCheckOutcome): void {
    this.metrics?.gatewayFeeCheck(awaited.gateway, outcome);
  }
}
