import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type CheckoutNotificationsEvent } from '@payrail/contracts';
import { DeliveryDispatcher } from '../deliveries/delivery-dispatcher.js';
import { TransactionWebhooksService } from './transaction-webhooks.service.js';

/** Payments' internal announcements about gateway API transactions: where their notifications go, and their PaymentIntent. */
@Controller()
export class CheckoutNotificationsConsumer {
  constructor(
    private readonly service: TransactionWebhooksService,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  @EventPattern(Topics.CheckoutNotifications)
  async onCheckoutNotification(@Payload() event: CheckoutNotificationsEvent): Promise<void> {
    if ((await this.service.learn(event)) > 0) this.dispatcher.nudge();
  }
}
