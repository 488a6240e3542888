import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, OAuthClientResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateOAuthClientDto } from './dto/create-oauth-client.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's OAuth clients, both modes: for secret keys, and for access tokens with `credentials:manage`.
 * The guard refuses publishable keys here.
 */
@Controller('v1/oauth_clients')
@Access({ scope: 'credentials:manage' })
export class OAuthClientsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create an OAuth client (client credentials). The answer alone carries its `client_secret`; it is stored
   * as a keyed hash and never shown again
   * @remarks Clients are the merchant's, in both modes, managed with a secret key or an access token with
   * `credentials:manage`. An OAuthClient is `{id: "cli_…" (the client_id), object: "oauth_client", name,
   * scopes, livemode, created, revoked_at, status: active|revoked}`. `scopes` (form
   * `scopes[]=payments:read&scopes[]=accounts:read`, or a JSON array) are what its tokens may be granted,
   * each from the catalogue and each once (see /oauth/token); absent: the catalogue but `credentials:manage`
   * and `users:manage`. An unknown scope is a 400 `parameter_invalid` naming it, with `param: scopes`.
   * `livemode` defaults to the caller's mode; a live client needs a live caller (403 `permission_denied`).
   * The dashboard's public client `payrail-dashboard` is not listed here.
   */
  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateOAuthClientDto) {
    return this.client.send(Patterns.AuthOAuthClientCreate, { caller, params: { name: body.name, scopes: body.scopes, livemode: body.livemode } });
  }

  /**
   * List the merchant's OAuth clients, both modes, newest first (never their secrets)
   */
  @ApiListResponse(OAuthClientResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.AuthOAuthClientList, { caller, params: query });
  }

  /**
   * Retrieve an OAuth client (without its secret)
   */
  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthOAuthClientRetrieve, { caller, params: { id } });
  }

  /**
   * Give an active OAuth client a new secret (in `client_secret`, this once); the old secret stops working at
   * once, tokens already issued keep working until they expire
   */
  @Post(':id/roll_secret')
  @HttpCode(200)
  rollSecret(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthOAuthClientRollSecret, { caller, params: { id } });
  }

  /**
   * Revoke an OAuth client at once; revoking again answers the same
   * @remarks The client can no longer authenticate (`invalid_client`), and the access tokens it already holds are
   * refused at every edge within seconds (401 `access_token_invalid`, "The access token has been revoked.")
   * and introspect as `{active: false}`.
   */
  @Delete(':id')
  revoke(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthOAuthClientRevoke, { caller, params: { id } });
  }
}
