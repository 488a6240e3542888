import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListWebhookDeliveriesPayload, Patterns } from '@payrail/contracts';
import { DeliveryLogService } from './delivery-log.service.js';

@Controller()
export class DeliveriesHandler {
  constructor(private readonly log: DeliveryLogService) {}

  @MessagePattern(Patterns.WebhookEndpointDeliveries)
  ofEndpoint(@Payload() request: ListWebhookDeliveriesPayload) {
    return this.log.ofEndpoint(request.caller, request.params);
  }

  @MessagePattern(Patterns.EventDeliveries)
  ofEvent(@Payload() request: ListWebhookDeliveriesPayload) {
    return this.log.ofEvent(request.caller, request.params);
  }
}
