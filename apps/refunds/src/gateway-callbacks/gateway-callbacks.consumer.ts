import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type ConnectorsEvent } from '@payrail/contracts';
import { DisputesService } from '../disputes/disputes.service.js';
import { RefundReconciler } from '../reconciliation/refund-reconciler.js';

/**
 * Gateway callbacks refunds acts on: disputes, and refunds the gateway reports done. A refund callback is
 * a hint, never an outcome applied on its own say-so: the payment's pending refunds are synced with the
 * gateway through the reconciler's path, so a callback racing a scheduled try settles a refund once.
 */
@Controller()
export class GatewayCallbacksConsumer {
  constructor(
    private readonly disputes: DisputesService,
    private readonly reconciler: RefundReconciler,
  ) {}

  @EventPattern(Topics.ConnectorsEvents)
  async onConnectorsEvent(@Payload() event: ConnectorsEvent): Promise<void> {
    if (event.type === 'gateway.callback.received' && event.data.object.outcome.kind === 'refunded') {
      await this.reconciler.onRefundCallback({ merchantId: event.merchantId, livemode: event.livemode }, event.data.object.paymentIntentId);
      return;
    }
    await this.disputes.onConnectorsEvent(event);
  }
}
