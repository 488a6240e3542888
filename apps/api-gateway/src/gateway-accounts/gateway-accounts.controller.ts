import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, GatewayAccountResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { absoluteUrl } from '../common/public-url.js';
import { CreateGatewayAccountDto, ListGatewayAccountsDto, UpdateGatewayAccountDto } from './dto/gateway-account-fields.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's accounts at payment gateways, in the caller's mode. They hold the keys that move the
 * merchant's money, so they are managed as its other credentials are (`credentials:manage`); the answers
 * carry masked hints, never a credential.
 */
@Controller('v1/gateway_accounts')
@RequiresScope('credentials:manage')
export class GatewayAccountsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateGatewayAccountDto, @Req() req: Request) {
    return withAbsoluteCallback(await this.client.send(Patterns.GatewayAccountCreate, { caller, params: body }), req);
  }

  @ApiListResponse(GatewayAccountResource)
  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: ListGatewayAccountsDto, @Req() req: Request) {
    const page = await this.client.send(Patterns.GatewayAccountList, { caller, params: query });
    return { ...page, data: page.data.map((account) => withAbsoluteCallback(account, req)) };
  }

  @Get(':id')
  async retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request) {
    return withAbsoluteCallback(await this.client.send(Patterns.GatewayAccountRetrieve, { caller, params: { id } }), req);
  }

  @Post(':id')
  @HttpCode(200)
  async update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateGatewayAccountDto, @Req() req: Request) {
    return withAbsoluteCallback(await this.client.send(Patterns.GatewayAccountUpdate, { caller, params: { ...body, id } }), req);
  }

  @Delete(':id')
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.GatewayAccountDelete, { caller, params: { id } });
  }
}

function withAbsoluteCallback(account: GatewayAccountResource, req: Request): GatewayAccountResource {
  return { ...account, callback_url: absoluteUrl(account.callback_url, req) };
}
