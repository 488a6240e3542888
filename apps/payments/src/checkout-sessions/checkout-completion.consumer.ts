import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type PaymentsEvent } from '@payrail/contracts';
import { CheckoutSessionLifecycle } from './checkout-session-lifecycle.js';
import { CheckoutSessionsRepository } from './checkout-sessions.repository.js';

/**
 * A session's PaymentIntent can succeed without the customer's browser coming back (it closed after
 * 3-D Secure; reconciliation settled a lost answer): its event completes the session. Redelivery is
 * harmless, completion being a guarded move out of `open`.
 */
@Controller()
export class CheckoutCompletionConsumer {
  constructor(
    private readonly sessions: CheckoutSessionsRepository,
    private readonly lifecycle: CheckoutSessionLifecycle,
  ) {}

  @EventPattern(Topics.PaymentsEvents)
  async onPaymentsEvent(@Payload() event: PaymentsEvent): Promise<void> {
    if (event.type !== 'payment_intent.succeeded' && event.type !== 'payment_intent.amount_capturable_updated') return;
    const session = await this.sessions.findByPaymentIntent({ merchantId: event.merchantId, livemode: event.livemode }, event.data.object.id);
    if (session?.status === 'open') await this.lifecycle.settle(session);
  }
}
