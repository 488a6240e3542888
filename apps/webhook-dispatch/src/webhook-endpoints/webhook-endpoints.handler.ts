import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, CreateWebhookEndpointPayload, ScopedIdPayload, ScopedListPayload } from '@payrail/contracts';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

@Controller()
export class WebhookEndpointsHandler {
  constructor(private readonly service: WebhookEndpointsService) {}

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

  @MessagePattern(Patterns.WebhookEndpointDelete)
  delete(@Payload() request: ScopedIdPayload) {
    return this.service.delete(request.caller, request.params.id);
  }
}
