import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, RoutingRuleResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateRoutingRuleDto, UpdateRoutingRuleDto } from './dto/routing-rule-fields.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's routing rules, in the caller's mode. They decide which gateway account takes its
 * money, so they are managed as gateway accounts are (`credentials:manage`).
 */
@Controller('v1/routing_rules')
@RequiresScope('credentials:manage')
export class RoutingRulesController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateRoutingRuleDto) {
    return this.client.send(Patterns.RoutingRuleCreate, { caller, params: body });
  }

  @ApiListResponse(RoutingRuleResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.RoutingRuleList, { caller, params: query });
  }

  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.RoutingRuleRetrieve, { caller, params: { id } });
  }

  @Post(':id')
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateRoutingRuleDto) {
    return this.client.send(Patterns.RoutingRuleUpdate, { caller, params: { ...body, id } });
  }

  @Delete(':id')
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.RoutingRuleDelete, { caller, params: { id } });
  }
}
