import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ReceiveGatewayCallbackPayload } from '@payrail/contracts';
import { GatewayCallbacksService } from './gateway-callbacks.service.js';

@Controller()
export class GatewayCallbacksHandler {
  constructor(private readonly service: GatewayCallbacksService) {}

  @MessagePattern(Patterns.ConnectorCallbackReceive)
  receive(@Payload() request: ReceiveGatewayCallbackPayload) {
    return this.service.receive(request);
  }
}
