import { BALANCE_TRANSACTION_TYPES, type BalanceTransactionType, type CreatedFilter } from '@payrail/contracts';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsCreatedFilter, ApiCreatedFilter, ToCreatedFilter } from '../../common/created-filter.js';
import { ListQueryDto } from '../../common/list-query.dto.js';

export class ListBalanceTransactionsDto extends ListQueryDto {
  @IsOptional() @IsIn(BALANCE_TRANSACTION_TYPES) type?: BalanceTransactionType;
  @IsOptional() @IsString() source?: string;
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() @ApiCreatedFilter() created?: CreatedFilter;
}
