import { Controller, Get, Query } from '@nestjs/common';
import type { Caller, ReportingSummaryResource } from '@payrail/contracts';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ReportingSummaryQueryDto } from './dto/reporting-summary-query.dto.js';
import { ReportingSummaryService } from './reporting-summary.service.js';
import { summaryRange } from './summary-range.js';

/** The merchant's numbers over a range, per currency. */
@Controller('v1/reporting')
export class ReportingController {
  constructor(private readonly reporting: ReportingSummaryService) {}

  /**
   * The merchant's numbers per currency over `[created[gte], created[lt])` (unix seconds; default the last 30
   * days), from the ledger: `charges_succeeded`, `refunds`, `disputes` and `dispute_reversals` (count and
   * amount), `fees`, `net`, and the current `balance`; `charges_failed` from payments (a failed attempt moves
   * no money, so the ledger never sees it)
   */
  @Get('summary')
  @Access({ scope: 'payments:read' })
  summary(@CurrentCaller() caller: Caller, @Query() query: ReportingSummaryQueryDto): Promise<ReportingSummaryResource> {
    const range = summaryRange(query.created, Math.floor(Date.now() / 1000));
    return this.reporting.summary(caller, { ...range, ...(query.currency ? { currency: query.currency } : {}) });
  }
}
