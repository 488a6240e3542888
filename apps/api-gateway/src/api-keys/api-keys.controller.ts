import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, ApiKeyResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateApiKeyDto } from './dto/create-api-key.dto.js';
import { RollApiKeyDto } from './dto/roll-api-key.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's API keys, both modes: for secret keys, and for access tokens with `credentials:manage` (the
 * owner's dashboard session). The guard refuses publishable keys here.
 */
@Controller('v1/api_keys')
@RequiresScope('credentials:manage')
export class ApiKeysController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateApiKeyDto) {
    return this.client.send(Patterns.AuthApiKeyCreate, { caller, params: { type: body.type, livemode: body.livemode, name: body.name } });
  }

  @ApiListResponse(ApiKeyResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.AuthApiKeyList, { caller, params: query });
  }

  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthApiKeyRetrieve, { caller, params: { id } });
  }

  @Post(':id/roll')
  @HttpCode(200)
  roll(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: RollApiKeyDto) {
    return this.client.send(Patterns.AuthApiKeyRoll, { caller, params: { id, expires_in_seconds: body.expires_in_seconds } });
  }

  @Delete(':id')
  revoke(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthApiKeyRevoke, { caller, params: { id } });
  }
}
