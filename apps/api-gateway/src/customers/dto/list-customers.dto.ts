import { IsOptional, IsString } from 'class-validator';
import type { TimestampRange } from '@payrail/contracts';
import { ListQueryDto } from '../../common/list-query.dto.js';
import { IsCreatedFilter, ApiCreatedFilter, ToCreatedFilter } from '../../common/created-filter.js';
import { IsExpandList } from '../../common/expand.validator.js';

export class ListCustomersDto extends ListQueryDto {
  @IsExpandList() expand?: string[];
  /** Case-sensitive exact match, as Stripe's. */
  @IsOptional() @IsString() email?: string;
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() @ApiCreatedFilter() created?: number | TimestampRange;
}
