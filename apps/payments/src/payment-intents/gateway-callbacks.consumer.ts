import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type ConnectorsEvent } from '@payrail/contracts';
import { ConfirmationRecovery } from './confirmation-recovery.js';
import { PaymentIntentsRepository } from './payment-intents.repository.js';
import { ThreeDSecureService } from './three-d-secure.service.js';

/**
 * A gateway's callback that a payment succeeded or failed settles a `processing` intent through the
 * same path as the sweeper's sync: Payrail asks the gateway about the attempt and records its answer
 * once, so a callback and a sync racing each other (or a callback delivered twice) change nothing
 * twice. The callback's own word is never the outcome. A confirmation still under way is left to its
 * live answer (asking then could settle it under the live request); the sweeper covers it if that dies.
 */
@Controller()
export class GatewayCallbacksConsumer {
  private readonly logger = new Logger(GatewayCallbacksConsumer.name);

  constructor(
    private readonly intents: PaymentIntentsRepository,
    private readonly recovery: ConfirmationRecovery,
    private readonly threeDSecure: ThreeDSecureService,
  ) {}

  @EventPattern(Topics.ConnectorsEvents)
  async onConnectorsEvent(@Payload() event: ConnectorsEvent): Promise<void> {
    if (event.type !== 'gateway.callback.received') return;
    const { outcome, paymentIntentId } = event.data.object;
    if (outcome.kind !== 'payment_succeeded' && outcome.kind !== 'payment_failed') return;
    const caller = { merchantId: event.merchantId, livemode: event.livemode };
    const intent = await this.intents.findOwned(caller, paymentIntentId);
    // The customer finished the gateway's own 3-D Secure page (Stripe's redirect).
    if (intent?.status === 'requires_action') return this.threeDSecure.completeAtGateway(caller, intent.id);
    if (!intent || intent.status !== 'processing') return;
    const after = await this.recovery.resolve(caller, intent);
    if (after.status !== intent.status) this.logger.log(`${intent.id} settled as ${after.status} after the gateway's callback`);
  }
}
