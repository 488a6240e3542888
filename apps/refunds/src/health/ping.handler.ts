import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PING_PATTERNS, ServiceNames, type Ping } from '@payrail/contracts';

@Controller()
export class PingHandler {
  @MessagePattern(PING_PATTERNS[ServiceNames.Refunds])
  ping(): Ping {
    return { service: ServiceNames.Refunds, ready: true };
  }
}
