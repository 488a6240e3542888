import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ReplacePricingPlanPayload, RetrievePricingPlanPayload } from '@payrail/contracts';
import { PricingPlansService } from './pricing-plans.service.js';

@Controller()
export class PricingPlansHandler {
  constructor(private readonly service: PricingPlansService) {}

  @MessagePattern(Patterns.PricingPlanRetrieve)
  retrieve(@Payload() request: RetrievePricingPlanPayload) {
    return this.service.retrieve(request.caller);
  }

  @MessagePattern(Patterns.PricingPlanReplace)
  replace(@Payload() request: ReplacePricingPlanPayload) {
    return this.service.replace(request.caller, request.params);
  }
}
