import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EmptyPayload, PING_PATTERNS, ServiceNames, type Ping } from '@payrail/contracts';

@Controller()
export class PingHandler {
  @MessagePattern(PING_PATTERNS[ServiceNames.Ledger])
  ping(@Payload() _request: EmptyPayload): Ping {
    return { service: ServiceNames.Ledger, ready: true };
  }
}
