import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthorizationRoutesRepository } from '../routing/authorization-routes.repository.js';
import { SandboxDisputeSink, type SandboxDisputedPayment } from '../connectors/sandbox/sandbox-dispute-sink.js';
import { attemptOfKey } from './attempt-key.js';
import { GatewayCallbacksService, SANDBOX_RECEIVER } from './gateway-callbacks.service.js';

/**
 * The sandbox's dispute callbacks go through the same recording as a gateway's, ids derived from the
 * attempt so that answering the attempt again raises no second dispute.
 */
@Injectable()
export class SandboxDisputes extends SandboxDisputeSink {
  constructor(
    private readonly routes: AuthorizationRoutesRepository,
    private readonly callbacks: GatewayCallbacksService,
  ) {
    super();
  }

  async disputeAfterSuccess(payment: SandboxDisputedPayment): Promise<void> {
    const route = await this.routes.findRecorded(payment.idempotencyKey);
    const attempt = attemptOfKey(payment.idempotencyKey);
    if (!route || !attempt) return;
    const digest = createHash('sha256').update(payment.idempotencyKey).digest('hex').slice(0, 24);
    await this.callbacks.record({
      caller: { merchantId: route.merchantId, livemode: route.livemode },
      receiver: route.gatewayAccountId ?? SANDBOX_RECEIVER,
      gateway: route.gateway,
      gatewayAccountId: route.gatewayAccountId,
      attempt,
      callback: {
        eventId: `sbx_evt_${digest}`,
        eventType: 'charge.dispute.created',
        attemptKey: payment.idempotencyKey,
        gatewayReferences: payment.externalReference ? [payment.externalReference] : [],
        outcome: {
          kind: 'dispute',
          phase: 'created',
          gatewayDisputeId: `sbx_dp_${digest}`,
          amount: payment.amount,
          currency: payment.currency,
          reason: 'fraudulent',
          status: 'needs_response',
        },
      },
    });
  }
}
