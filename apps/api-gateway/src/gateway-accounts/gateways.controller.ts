import { Controller, Get } from '@nestjs/common';
import { Patterns, type Caller, GatewayHealthResource, GatewayResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/** Every gateway Payrail supports, what each can do, and whether the caller can route payments to it now. */
@Controller('v1/gateways')
export class GatewaysController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Every gateway this deployment supports, its capabilities, and whether the caller can route to it now
   * @remarks A list of `{id (the gateway), object: "gateway", capabilities: {payment_method_types, currencies (lower
   * case, `*` for any), countries, manual_capture, partial_capture, refunds, partial_refunds,
   * three_d_secure}, credential_fields, configured}`. `configured` is true when the caller has an enabled
   * account there in its mode; the built-in `sandbox` is always configured in test mode. OAuth scope
   * `accounts:read`.
   */
  @ApiListResponse(GatewayResource)
  @Get()
  @Access({ scope: 'accounts:read' })
  list(@CurrentCaller() caller: Caller) {
    return this.client.send(Patterns.GatewayList, { caller, params: {} });
  }

  /** Per gateway account of the caller: status, circuit, success rates, latency and uptime, from the calls made through it. */
  @ApiListResponse(GatewayHealthResource)
  @Get('health')
  @Access({ scope: 'accounts:read' })
  health(@CurrentCaller() caller: Caller) {
    return this.client.send(Patterns.GatewayHealth, { caller, params: {} });
  }
}
