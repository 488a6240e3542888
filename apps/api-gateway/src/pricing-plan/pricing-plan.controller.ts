import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Patterns, PricingCostsResource, PricingPlanResource, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { Access } from '../authentication/access.decorator.js';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { ReportingSummaryQueryDto } from '../reporting/dto/reporting-summary-query.dto.js';
import { summaryRange } from '../reporting/summary-range.js';
import { ReplacePricingPlanDto } from './dto/replace-pricing-plan.dto.js';

/**
 * What the merchant pays Payrail per charge (Payrail's own resource; Stripe has none). The merchant reads
 * its plan; only the platform operator sets it: a merchant's API keys and its own OAuth clients cannot
 * carry `pricing:manage`, so no merchant lowers its own fees.
 */
@Controller('v1/pricing_plan')
export class PricingPlanController {
  constructor(private readonly client: MessageClient) {}

  /**
   * The merchant's pricing plan: rows of (`method`, `currency`, `percent_bps`, `fixed_amount`) with `*`
   * wildcards, the most specific row matching a charge winning (method before currency), and the
   * `default_price` for a charge no row matches
   */
  @Get()
  @Access({ scope: 'payments:read' })
  retrieve(@CurrentCaller() caller: Caller): Promise<PricingPlanResource> {
    return this.client.send(Patterns.PricingPlanRetrieve, { caller, params: {} });
  }

  /**
   * Replace the merchant's pricing plan (the platform operator only: an access token with `pricing:manage`).
   * The new version prices charges that succeed from now on; fees already recorded never change. 400
   * `parameter_invalid` naming the row (`rows[1][percent_bps]`) for a negative or over 100 % price, an
   * unknown method or currency, a fixed amount that is not a whole number of minor units, or two rows for
   * one method and currency; the plan in force is then unchanged
   */
  @Post()
  @Access({ scope: 'pricing:manage' })
  @HttpCode(200)
  replace(@CurrentCaller() caller: Caller, @Body() body: ReplacePricingPlanDto): Promise<PricingPlanResource> {
    return this.client.send(Patterns.PricingPlanReplace, { caller, params: { rows: body.rows } });
  }

  /**
   * The platform operator's margin on the merchant over `[created[gte], created[lt])` (unix seconds; default
   * the last 30 days), per currency: the `fees` the merchant paid (its reporting summary's) against
   * `gateway_costs`, what each gateway charged the platform for its charges, and the `margin` between them.
   * Gateway costs are the operator's: a merchant's own credentials cannot read them (`pricing:manage`)
   */
  @Get('costs')
  @Access({ scope: 'pricing:manage' })
  costs(@CurrentCaller() caller: Caller, @Query() query: ReportingSummaryQueryDto): Promise<PricingCostsResource> {
    const range = summaryRange(query.created, Math.floor(Date.now() / 1000));
    return this.client.send(Patterns.PricingCosts, { caller, params: { ...range, ...(query.currency ? { currency: query.currency } : {}) } });
  }
}
