import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PING_PATTERNS, ServiceNames, type Ping } from '@payrail/contracts';

@Controller()
export class PingHandler {
  @MessagePattern(PING_PATTERNS[ServiceNames.WebhookDispatch])
  ping(): Ping {
    return { service: ServiceNames.WebhookDispatch, ready: true };
  }
}
