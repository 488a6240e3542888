import type { CreatedFilter } from '@payrail/contracts';
import { IsOptional, IsString } from 'class-validator';
import { IsCreatedFilter, ApiCreatedFilter, ToCreatedFilter } from '../../common/created-filter.js';
import { ListQueryDto } from '../../common/list-query.dto.js';
import { IsExpandList } from '../../common/expand.validator.js';

/** Stripe has no `status` filter for PaymentIntents; neither does Payrail. */
export class ListPaymentIntentsDto extends ListQueryDto {
  @IsExpandList() expand?: string[];
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() @ApiCreatedFilter() created?: CreatedFilter;
}
