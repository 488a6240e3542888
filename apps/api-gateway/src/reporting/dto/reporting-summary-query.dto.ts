import type { CreatedFilter } from '@payrail/contracts';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { IsCreatedFilter, ApiCreatedFilter, ToCreatedFilter } from '../../common/created-filter.js';

export class ReportingSummaryQueryDto {
  /** `created[gte]` and `created[lt]` in unix seconds (`gt` and `lte` are accepted too); defaults to the last 30 days. */
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() @ApiCreatedFilter() created?: CreatedFilter;
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @Matches(/^[a-z]{3}$/, { message: 'currency must be a three-letter ISO currency code.' })
  currency?: string;
}
