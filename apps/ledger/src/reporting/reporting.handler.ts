import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ReportingSummaryPayload } from '@payrail/contracts';
import { ReportingService } from './reporting.service.js';

@Controller()
export class ReportingHandler {
  constructor(private readonly service: ReportingService) {}

  @MessagePattern(Patterns.ReportingSummary)
  summary(@Payload() request: ReportingSummaryPayload) {
    return this.service.summary(request.caller, request.params);
  }
}
