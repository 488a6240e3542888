import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CheckRoutingPayload, CreateRoutingRulePayload, ListRoutingRulesPayload, Patterns, ScopedIdPayload, UpdateRoutingRulePayload } from '@payrail/contracts';
import { RoutePlanner } from '../routing/route-planner.js';
import { RoutingRulesService } from './routing-rules.service.js';

@Controller()
export class RoutingRulesHandler {
  constructor(
    private readonly service: RoutingRulesService,
    private readonly planner: RoutePlanner,
  ) {}

  @MessagePattern(Patterns.RoutingRuleCreate)
  create(@Payload() request: CreateRoutingRulePayload) {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.RoutingRuleRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.RoutingRuleUpdate)
  update(@Payload() request: UpdateRoutingRulePayload) {
    return this.service.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.RoutingRuleList)
  list(@Payload() request: ListRoutingRulesPayload) {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.RoutingRuleDelete)
  delete(@Payload() request: ScopedIdPayload) {
    return this.service.delete(request.caller, request.params.id);
  }

  /** For payments, before it accepts an intent's payment method types and currency (create, and a currency update). */
  @MessagePattern(Patterns.RoutingCheck)
  check(@Payload() request: CheckRoutingPayload) {
    return this.planner.check(request.caller, request.params);
  }
}
