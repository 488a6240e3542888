import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, SigningKeyResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateSigningKeyDto } from './dto/create-signing-key.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's keys for HMAC-signed requests, both modes: for secret keys, and for access tokens with
 * `credentials:manage`. The guard refuses publishable keys here.
 */
@Controller('v1/signing_keys')
@RequiresScope('credentials:manage')
export class SigningKeysController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateSigningKeyDto) {
    return this.client.send(Patterns.AuthSigningKeyCreate, { caller, params: { livemode: body.livemode } });
  }

  @ApiListResponse(SigningKeyResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.AuthSigningKeyList, { caller, params: query });
  }

  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthSigningKeyRetrieve, { caller, params: { id } });
  }

  @Delete(':id')
  revoke(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.AuthSigningKeyRevoke, { caller, params: { id } });
  }
}
