import { Injectable } from '@nestjs/common';
import type { Caller, PricingCostsCurrency, PricingCostsResource, ReportingSummaryParams } from '@payrail/contracts';
import { ReportingRepository } from '../reporting/reporting.repository.js';
import { GatewayCostsRepository } from './gateway-costs.repository.js';

/**
 * The operator's margin on one merchant: the fees of its reporting summary against what the gateways charged,
 * per currency of the charges (a fee a gateway took in another currency is booked in the charge's at the
 * gateway's rate: see gatewayCostEntries).
 */
@Injectable()
export class PricingCostsService {
  constructor(
    private readonly reporting: ReportingRepository,
    private readonly costs: GatewayCostsRepository,
  ) {}

  async costsOf(caller: Caller, params: ReportingSummaryParams): Promise<PricingCostsResource> {
    const [summary, costs] = await Promise.all([this.reporting.summarise(caller, params), this.costs.tally(caller, params)]);
    const currencies = [...new Set([...summary.map((row) => row.currency), ...costs.map((row) => row.currency)])].sort();
    return {
      object: 'pricing_costs',
      created: { gte: params.gte, lt: params.lt },
      currencies: currencies.map((currency): PricingCostsCurrency => {
        const fees = Number(summary.find((row) => row.currency === currency)?.fees ?? 0);
        const gatewayCosts = costs.filter((row) => row.currency === currency).map((row) => ({ gateway: row.gateway, count: row.count, amount: row.amount }));
        return { currency, fees, gateway_costs: gatewayCosts, margin: fees - gatewayCosts.reduce((sum, row) => sum + row.amount, 0) };
      }),
      livemode: caller.livemode,
    };
  }
}
