import { Injectable } from '@nestjs/common';
import type { Caller, PricingPlanResource, ReplacePricingPlanParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { DataSource } from 'typeorm';
import { toPricingPlanResource } from './pricing-plan.mapper.js';
import { checkPlanRows } from './pricing-plan-rows.js';
import { PricingPlansRepository } from './pricing-plans.repository.js';

/** Two operators replacing one plan at once: each gets its own version, in the order they committed. */
const APPEND_ATTEMPTS = 5;

@Injectable()
export class PricingPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PricingPlansRepository,
  ) {}

  async retrieve(caller: Caller): Promise<PricingPlanResource> {
    return toPricingPlanResource(caller, await this.plans.current(this.dataSource.manager, caller));
  }

  /** Checks the whole plan first (a bad row changes nothing), then adds it as the next version. */
  async replace(caller: Caller, params: ReplacePricingPlanParams): Promise<PricingPlanResource> {
    const rows = checkPlanRows(params.rows);
    for (let attempt = 1; ; attempt++) {
      const added = await this.dataSource.transaction((manager) => this.plans.append(manager, caller, rows));
      if (added) return toPricingPlanResource(caller, added);
      // Stripe answers contention on one object as a retryable 429 (its lock_timeout); so does Payrail.
      if (attempt >= APPEND_ATTEMPTS) throw new PayrailError('rate_limited', 'The pricing plan is being replaced by other requests right now. Please retry.');
    }
  }
}
