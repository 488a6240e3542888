import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { Access } from '../../authentication/access.decorator.js';
import { GatewayApiExceptionFilter } from './gateway-api.filter.js';
import { ApiGatewayApiErrors } from './gateway-api-errors.decorator.js';
import { GatewayApiGatewaysHealthResource, GatewayApiGatewaysResource } from './gateway-api.resources.js';
import { SignedRequestsOnly } from './signed-requests-only.guard.js';

/**
 * The gateway API document's gateway list and health, from the connectors service: the active gateways
 * are those the caller can route payments to now; health is per gateway account, with its uptime.
 */
@Controller('api/v1/gateways')
@UseFilters(GatewayApiExceptionFilter)
@UseGuards(SignedRequestsOnly)
@ApiGatewayApiErrors()
export class GatewayApiGatewaysController {
  constructor(private readonly client: MessageClient) {}

  @Get()
  @Access({ scope: 'accounts:read' })
  async list(@CurrentCaller() caller: Caller): Promise<GatewayApiGatewaysResource> {
    const gateways = await this.client.send(Patterns.GatewayList, { caller, params: {} });
    return {
      success: true,
      data: gateways.data
        .filter((gateway) => gateway.configured)
        .map((gateway) => ({
          gateway: gateway.id,
          status: 'active',
          payment_methods: gateway.capabilities.payment_method_types,
          currencies: gateway.capabilities.currencies.map((currency) => currency.toUpperCase()),
          refunds: gateway.capabilities.refunds,
        })),
    };
  }

  @Get('health')
  @Access({ scope: 'accounts:read' })
  async health(@CurrentCaller() caller: Caller): Promise<GatewayApiGatewaysHealthResource> {
    const health = await this.client.send(Patterns.GatewayHealth, { caller, params: {} });
    return {
      success: true,
      data: health.data.map((account) => ({
        gateway: account.gateway,
        gateway_account: account.gateway_account,
        enabled: account.enabled,
        status: account.status,
        reason: account.reason,
        uptime: account.uptime_24h,
        success_rate: account.last_60_minutes.success_rate,
        latency_ms: account.last_60_minutes.latency_ms.p50,
        circuit: account.circuit.state,
      })),
    };
  }
}
