import { Controller, Get } from '@nestjs/common';
import { Patterns, type Caller, GatewayResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Every gateway Payrail supports, what each can do, and whether the caller can route payments to it now. */
@Controller('v1/gateways')
export class GatewaysController {
  constructor(private readonly client: MessageClient) {}

  @ApiListResponse(GatewayResource)
  @Get()
  @RequiresScope('accounts:read')
  list(@CurrentCaller() caller: Caller) {
    return this.client.send(Patterns.GatewayList, { caller, params: {} });
  }

  /** Per gateway account of the caller: status, circuit, success rates, latency and uptime, from the calls made through it. */
  @Get('health')
  @RequiresScope('accounts:read')
  health(@CurrentCaller() caller: Caller) {
    return this.client.send(Patterns.GatewayHealth, { caller, params: {} });
  }
}
