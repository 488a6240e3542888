import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PING_PATTERNS, ServiceNames, type Ping } from '@payrail/contracts';

@Controller()
export class PingHandler {
  @MessagePattern(PING_PATTERNS[ServiceNames.Auth])
  ping(): Ping {
    return { service: ServiceNames.Auth, ready: true };
  }
}
