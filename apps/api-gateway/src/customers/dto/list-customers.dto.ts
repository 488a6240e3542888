import { IsOptional, IsString } from 'class-validator';
import type { TimestampRange } from '@payrail/contracts';
import { ListQueryDto } from '../../common/list-query.dto.js';
import { IsCreatedFilter, ToCreatedFilter } from '../../common/created-filter.js';

export class ListCustomersDto extends ListQueryDto {
  /** Case-sensitive exact match, as Stripe's. */
  @IsOptional() @IsString() email?: string;
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() created?: number | TimestampRange;
}
