import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, RoutingRuleResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ListQueryDto } from '../common/list-query.dto.js';
import { CreateRoutingRuleDto, UpdateRoutingRuleDto } from './dto/routing-rule-fields.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

/**
 * The merchant's routing rules, in the caller's mode. They decide which gateway account takes its
 * money, so they are managed as gateway accounts are (`credentials:manage`).
 */
@Controller('v1/routing_rules')
@Access({ scope: 'credentials:manage' })
export class RoutingRulesController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create a routing rule: which gateway account takes the payments it matches, and which accounts take them
   * when that one cannot
   * @remarks In the caller's mode; managed with a secret key or an access token with `credentials:manage`. A new
   * authorisation goes to the accounts of the first rule (lowest `priority`, then oldest) whose conditions
   * all hold and that names an enabled account able to take it: `gateway_account` first, then
   * `fallback_gateway_accounts` in order. Conditions: `payment_method_types` and `currencies` (lists; absent
   * or empty matches any), `amount_min` and `amount_max` (inclusive, minor units), `match_metadata` (each key
   * must equal the payment intent's metadata). Without a matching rule, the caller's enabled accounts able to
   * take the payment are tried oldest first; without any, test mode uses the built-in sandbox and live mode
   * refuses the payment (400 `gateway_account_required`). The next account is tried only when no money can
   * have moved (the gateway was unreachable, refused the request before taking it with a 5xx or 429, or its
   * circuit is open); a timeout after sending is never retried elsewhere. Every account named must be one of
   * the caller's own (400 `parameter_invalid` naming `gateway_account` or `fallback_gateway_accounts[i]`
   * otherwise), enabled, and able to take every payment method type and currency the rule lists. `priority`
   * defaults to 10 after the caller's last rule. A RoutingRule is `{id: "rr_…", object: "routing_rule",
   * livemode, priority, payment_method_types, currencies, amount_min, amount_max, match_metadata,
   * gateway_account, fallback_gateway_accounts, metadata, created, updated}`.
   */
  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateRoutingRuleDto) {
    return this.client.send(Patterns.RoutingRuleCreate, { caller, params: body });
  }

  /**
   * List the caller's routing rules in its mode, newest first
   */
  @ApiListResponse(RoutingRuleResource)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto) {
    return this.client.send(Patterns.RoutingRuleList, { caller, params: query });
  }

  /**
   * Retrieve a routing rule
   */
  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.RoutingRuleRetrieve, { caller, params: { id } });
  }

  /**
   * Update a routing rule: the conditions and accounts given replace the rule's (the whole rule is checked
   * again), metadata is merged
   */
  @Post(':id')
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateRoutingRuleDto) {
    return this.client.send(Patterns.RoutingRuleUpdate, { caller, params: { ...body, id } });
  }

  /**
   * Delete a routing rule: `{id, object: "routing_rule", deleted: true}`; payments it routed keep their
   * accounts
   */
  @Delete(':id')
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.RoutingRuleDelete, { caller, params: { id } });
  }
}
