import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  Patterns,
  CreateWebhookEndpointPayload,
  RotateWebhookEndpointSecretPayload,
  ScopedIdPayload,
  ScopedListPayload,
  UpdateWebhookEndpointPayload,
} from '@payrail/contracts';
import { DeliveryDispatcher } from '../deliveries/delivery-dispatcher.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

@Controller()
export class WebhookEndpointsHandler {
  constructor(
    private readonly service: WebhookEndpointsService,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  @MessagePattern(Patterns.WebhookEndpointCreate)
  create(@Payload() request: CreateWebhookEndpointPayload) {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.WebhookEndpointRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.WebhookEndpointList)
  list(@Payload() request: ScopedListPayload) {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.WebhookEndpointUpdate)
  update(@Payload() request: UpdateWebhookEndpointPayload) {
    return this.service.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.WebhookEndpointRotateSecret)
  rotateSecret(@Payload() request: RotateWebhookEndpointSecretPayload) {
    return this.service.rotateSecret(request.caller, request.params);
  }

  @MessagePattern(Patterns.WebhookEndpointTest)
  async sendTest(@Payload() request: ScopedIdPayload) {
    const event = await this.service.sendTest(request.caller, request.params.id);
    this.dispatcher.nudge();
    return event;
  }

  @MessagePattern(Patterns.WebhookEndpointDelete)
  delete(@Payload() request: ScopedIdPayload) {
    return this.service.delete(request.caller, request.params.id);
  }
}
