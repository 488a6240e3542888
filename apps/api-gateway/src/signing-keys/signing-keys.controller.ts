import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, SigningKeyResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateSigningKeyDto } from './dto/create-signing-key.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's keys for HMAC-signed requests, both modes: for secret keys, and for access tokens with
 * `credentials:manage`. The guard refuses publishable keys here.
 */
@Controller('v1/signing_keys')
@Access({ scope: 'credentials:manage' })
export class SigningKeysController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create a signing key for HMAC-signed requests. The answer alone carries its `secret`; it is stored
   * encrypted and never shown again
   * @remarks Signing keys are the merchant's, in both modes, managed with a secret key or an access token with
   * `credentials:manage`. A SigningKey is `{id: "hk_…" (what X-API-KEY carries), object: "signing_key",
   * livemode, last4, created, revoked_at, status: active|revoked}`. `livemode` defaults to the caller's mode;
   * a live key needs a live caller (403 `permission_denied`). A signed request acts for the key's merchant
   * and mode with a secret key's access.
   */
  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateSigningKeyDto) {
    return this.client.send(Patterns.AuthSigningKeyCreate, { caller, params: { livemode: body.livemode } });
  }

  /**
   * List the merchant's signing keys, both modes, newest first (never their secrets)
   */
  @ApiListResponse(SigningKeyResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.AuthSigningKeyList, { caller, params: query });
  }

  /**
   * Retrieve a signing key (without its secret)
   */
  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthSigningKeyRetrieve, { caller, params: { id } });
  }

  /**
   * Revoke a signing key: its next signed request is refused (401 `signing_key_invalid`); revoking again
   * answers the same
   */
  @Delete(':id')
  revoke(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthSigningKeyRevoke, { caller, params: { id } });
  }
}
