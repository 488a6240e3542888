import { Body, Controller, Get, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { Access } from '../../authentication/access.decorator.js';
import { readSignatureHeaders } from '../../request-signing/signed-request-headers.js';
import { RegenerateKeysDto } from './dto/regenerate-keys.dto.js';
import { GatewayApiExceptionFilter } from './gateway-api.filter.js';
import { ApiGatewayApiErrors } from './gateway-api-errors.decorator.js';
import { GatewayApiKeysResource, GatewayApiProfileResource } from './gateway-api.resources.js';
import { SignedRequestsOnly } from './signed-requests-only.guard.js';

/**
 * The gateway API document's client: its profile (the merchant's account) and its key regeneration.
 * The document's `api_key` is the signing key's id (`hk_…`, sent in `X-API-KEY`) and its `secret_key`
 * the signing secret.
 */
@Controller('api/v1')
@UseFilters(GatewayApiExceptionFilter)
@UseGuards(SignedRequestsOnly)
@ApiGatewayApiErrors()
export class GatewayApiClientController {
  constructor(private readonly client: MessageClient) {}

  @Get('client/profile')
  @Access({ scope: 'accounts:read' })
  async profile(@CurrentCaller() caller: Caller): Promise<GatewayApiProfileResource> {
    const account = await this.client.send(Patterns.AuthAccountRetrieve, { caller, params: {} });
    return {
      success: true,
      data: {
        client_id: account.id,
        name: account.business_profile.name,
        email: account.email,
        country: account.country,
        default_currency: account.default_currency?.toUpperCase() ?? null,
        mode: account.livemode ? 'live' : 'test',
        created_at: new Date(account.created * 1000).toISOString().replace('T', ' ').slice(0, 19),
      },
    };
  }

  /**
   * A new key pair for the one that signed this request, which stops working at once: the auth service
   * creates the new key and revokes the old in one transaction. The secret is shown this once.
   */
  @Post('api-keys/regenerate')
  @Access({ scope: 'credentials:manage' })
  @HttpCode(201)
  async regenerate(@CurrentCaller() caller: Caller, @Body() _body: RegenerateKeysDto, @Req() req: Request): Promise<GatewayApiKeysResource> {
    const { keyId } = readSignatureHeaders((name) => req.header(name));
    const rolled = await this.client.send(Patterns.AuthSigningKeyRoll, { caller, params: { id: keyId } });
    // A rolled key is a created one: its answer always carries the secret.
    return { success: true, message: 'API keys regenerated', data: { api_key: rolled.id, secret_key: rolled.secret! } };
  }
}
