import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, ApiKeyResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateApiKeyDto } from './dto/create-api-key.dto.js';
import { RollApiKeyDto } from './dto/roll-api-key.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's API keys, both modes: for secret keys, and for access tokens with `credentials:manage` (the
 * owner's dashboard session). The guard refuses publishable keys here.
 */
@Controller('v1/api_keys')
@Access({ scope: 'credentials:manage' })
export class ApiKeysController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create an API key (secret keys only). The answer alone carries the whole key, in `secret`; it is stored
   * as a keyed hash and never shown again
   * @remarks Keys are the merchant's, in both modes: any of its secret keys manages all of them. `livemode` picks
   * `sk_live_`/`pk_live_` over `sk_test_`/`pk_test_` (default false); a live key reaches live objects only, a
   * test key test objects only. An ApiKey is `{id: "key_…", object: "api_key", type, livemode, name, prefix,
   * last4, redacted_key: "sk_test_****abcd", created, expires_at, revoked_at, status:
   * active|expiring|expired|revoked}`. Creating, rolling and revoking publish `api_key.created`,
   * `api_key.rolled`, `api_key.revoked` on the auth events topic (without the key). The edge caches a
   * verified key for at most 5 s, and never past its `expires_at`: a revoked key is refused (401
   * `api_key_invalid`) within seconds. Not callable with an OAuth access token.
   */
  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateApiKeyDto) {
    return this.client.send(Patterns.AuthApiKeyCreate, { caller, params: { type: body.type, livemode: body.livemode, name: body.name } });
  }

  /**
   * List the merchant's API keys, both modes, newest first: prefix and last four only
   */
  @ApiListResponse(ApiKeyResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.AuthApiKeyList, { caller, params: query });
  }

  /**
   * Retrieve an API key (redacted)
   */
  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthApiKeyRetrieve, { caller, params: { id } });
  }

  /**
   * Roll an active API key: a new key of the same type, mode and name (whole, in `secret`, this once); the
   * old one keeps working for `expires_in_seconds` (0 to 604800, default 0: it stops now)
   */
  @Post(':id/roll')
  @HttpCode(200)
  roll(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: RollApiKeyDto) {
    return this.client.send(Patterns.AuthApiKeyRoll, { caller, params: { id, expires_in_seconds: body.expires_in_seconds } });
  }

  /**
   * Revoke an API key at once; revoking again answers the same
   */
  @Delete(':id')
  revoke(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthApiKeyRevoke, { caller, params: { id } });
  }
}
