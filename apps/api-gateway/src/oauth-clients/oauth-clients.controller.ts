import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, OAuthClientResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateOAuthClientDto } from './dto/create-oauth-client.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's OAuth clients, both modes: for secret keys, and for access tokens with `credentials:manage`.
 * The guard refuses publishable keys here.
 */
@Controller('v1/oauth_clients')
@RequiresScope('credentials:manage')
export class OAuthClientsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateOAuthClientDto) {
    return this.client.send(Patterns.AuthOAuthClientCreate, { caller, params: { name: body.name, scopes: body.scopes, livemode: body.livemode } });
  }

  @ApiListResponse(OAuthClientResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.AuthOAuthClientList, { caller, params: query });
  }

  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthOAuthClientRetrieve, { caller, params: { id } });
  }

  @Post(':id/roll_secret')
  @HttpCode(200)
  rollSecret(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthOAuthClientRollSecret, { caller, params: { id } });
  }

  @Delete(':id')
  revoke(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthOAuthClientRevoke, { caller, params: { id } });
  }
}
