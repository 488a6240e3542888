import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type PaymentsEvent } from '@payrail/contracts';
import { LateGatewayPaymentsService } from './late-gateway-payments.service.js';

/** A canceled PaymentIntent closes its gateway checkouts: what the customer pays there afterwards is given back. */
@Controller()
export class CanceledIntentsConsumer {
  constructor(private readonly latePayments: LateGatewayPaymentsService) {}

  @EventPattern(Topics.PaymentsEvents)
  async onPaymentsEvent(@Payload() event: PaymentsEvent): Promise<void> {
    if (event.type !== 'payment_intent.canceled') return;
    await this.latePayments.intentCanceled({ merchantId: event.merchantId, livemode: event.livemode }, event.data.object.id);
  }
}
