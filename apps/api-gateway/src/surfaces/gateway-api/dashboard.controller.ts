import { Controller, Get, Query, UseFilters, UseGuards } from '@nestjs/common';
import type { Caller, ReportingCurrencySummary } from '@payrail/contracts';
import { CurrentCaller } from '../../authentication/current-caller.decorator.js';
import { Access } from '../../authentication/access.decorator.js';
import { ReportingSummaryQueryDto } from '../../reporting/dto/reporting-summary-query.dto.js';
import { ReportingSummaryService } from '../../reporting/reporting-summary.service.js';
import { summaryRange } from '../../reporting/summary-range.js';
import { GatewayApiExceptionFilter } from './gateway-api.filter.js';
import { ApiGatewayApiErrors } from './gateway-api-errors.decorator.js';
import { GatewayApiCurrencyTotals, GatewayApiDashboardResource } from './gateway-api.resources.js';
import { SignedRequestsOnly } from './signed-requests-only.guard.js';
import { majorAmount } from './transaction.view.js';

/**
 * The gateway API document's `/api/v1/client/dashboard`: the reporting summary (same range and `currency`
 * parameters as `/v1/reporting/summary`, default the last 30 days) in the document's terms. A transaction
 * is a charge attempt: `total_success` those that succeeded, `total_failed` those that failed. Amounts are
 * in major units and need a currency: the top-level totals are the `currency` asked for, else the one with
 * the most transactions; `currencies` lists every currency's.
 */
@Controller('api/v1/client')
@UseFilters(GatewayApiExceptionFilter)
@UseGuards(SignedRequestsOnly)
@ApiGatewayApiErrors()
export class GatewayApiDashboardController {
  constructor(private readonly reporting: ReportingSummaryService) {}

  /**
   * Gateway API document (HMAC-signed): `{success, data: {total_transactions, total_success, total_failed,
   * total_amount, commission_amount, currency, currencies, from, to}}`, the reporting summary in major units;
   * same `created[gte]`, `created[lt]` and `currency` parameters, default the last 30 days
   */
  @Get('dashboard')
  @Access({ scope: 'payments:read' })
  async dashboard(@CurrentCaller() caller: Caller, @Query() query: ReportingSummaryQueryDto): Promise<GatewayApiDashboardResource> {
    const range = summaryRange(query.created, Math.floor(Date.now() / 1000));
    const summary = await this.reporting.summary(caller, { ...range, ...(query.currency ? { currency: query.currency } : {}) });
    const currencies = summary.currencies.map(dashboardView).filter((view) => view.total_transactions > 0);
    const main = [...currencies].sort((a, b) => b.total_transactions - a.total_transactions)[0];
    return {
      success: true,
      data: {
        ...(main ?? { total_transactions: 0, total_success: 0, total_failed: 0, total_amount: 0, commission_amount: 0, currency: query.currency?.toUpperCase() ?? null }),
        currencies,
        from: summary.created.gte,
        to: summary.created.lt,
      },
    };
  }
}

function dashboardView(entry: ReportingCurrencySummary): GatewayApiCurrencyTotals {
  return {
    total_transactions: entry.charges_succeeded.count + entry.charges_failed.count,
    total_success: entry.charges_succeeded.count,
    total_failed: entry.charges_failed.count,
    total_amount: majorAmount(entry.charges_succeeded.amount, entry.currency),
    commission_amount: majorAmount(entry.fees, entry.currency),
    currency: entry.currency.toUpperCase(),
  };
}
