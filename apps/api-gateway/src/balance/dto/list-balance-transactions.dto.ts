import { BALANCE_TRANSACTION_TYPES, type BalanceTransactionType, type CreatedFilter } from '@payrail/contracts';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsCreatedFilter, ToCreatedFilter } from '../../common/created-filter.js';
import { ListQueryDto } from '../../common/list-query.dto.js';

export class ListBalanceTransactionsDto extends ListQueryDto {
  @IsOptional() @IsIn(BALANCE_TRANSACTION_TYPES) type?: BalanceTransactionType;
  @IsOptional() @IsString() source?: string;
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() created?: CreatedFilter;
}
