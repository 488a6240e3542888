import { Controller, Get, Query } from '@nestjs/common';
import { Patterns, type Caller, type ReportingSummaryResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ReportingSummaryQueryDto } from './dto/reporting-summary-query.dto.js';
import { summaryRange } from './summary-range.js';

/** The merchant's numbers over a range, per currency, computed by the ledger. */
@Controller('v1/reporting')
export class ReportingController {
  constructor(private readonly client: MessageClient) {}

  @Get('summary')
  @RequiresScope('payments:read')
  summary(@CurrentCaller() caller: Caller, @Query() query: ReportingSummaryQueryDto): Promise<ReportingSummaryResource> {
    const range = summaryRange(query.created, Math.floor(Date.now() / 1000));
    return this.client.send(Patterns.ReportingSummary, { caller, params: { ...range, ...(query.currency ? { currency: query.currency } : {}) } });
  }
}
