import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GatewayHealthPayload, Patterns } from '@payrail/contracts';
import { GatewayHealthService } from './gateway-health.service.js';

@Controller()
export class GatewayHealthHandler {
  constructor(private readonly service: GatewayHealthService) {}

  @MessagePattern(Patterns.GatewayHealth)
  list(@Payload() request: GatewayHealthPayload) {
    return this.service.list(request.caller);
  }
}
