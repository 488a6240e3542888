import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type ConnectorsEvent } from '@payrail/contracts';
import { GatewayCostsService } from './gateway-costs.service.js';

/** Gateway fees reach the books from the connectors' own events. */
@Controller()
export class ConnectorsEventsConsumer {
  constructor(private readonly costs: GatewayCostsService) {}

  @EventPattern(Topics.ConnectorsEvents)
  onConnectorsEvent(@Payload() event: ConnectorsEvent): Promise<void> {
    return this.costs.onEvent(event);
  }
}
