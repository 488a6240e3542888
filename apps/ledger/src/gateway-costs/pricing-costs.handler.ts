import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, PricingCostsPayload } from '@payrail/contracts';
import { PricingCostsService } from './pricing-costs.service.js';

@Controller()
export class PricingCostsHandler {
  constructor(private readonly service: PricingCostsService) {}

  @MessagePattern(Patterns.PricingCosts)
  costs(@Payload() request: PricingCostsPayload) {
    return this.service.costsOf(request.caller, request.params);
  }
}
