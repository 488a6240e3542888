import { IsIn, IsOptional, IsString } from 'class-validator';
import type { CreatedFilter } from '../commands/payments.commands.js';
import type { ListBalanceTransactionsParams } from '../commands/ledger.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import { BALANCE_TRANSACTION_TYPES, type BalanceTransactionType } from '../resources/balance.resource.js';
import { EmptyParamsDto, IsCreatedFilterShape, ListParamsDto, ScopedPayload } from './common.payloads.js';

export class RetrieveBalancePayload extends ScopedPayload(EmptyParamsDto) implements RequestOf<typeof Patterns.BalanceRetrieve> {}

export class ListBalanceTransactionsParamsDto extends ListParamsDto implements ListBalanceTransactionsParams {
  @IsOptional() @IsIn(BALANCE_TRANSACTION_TYPES) type?: BalanceTransactionType;
  @IsOptional() @IsCreatedFilterShape() created?: CreatedFilter;
  @IsOptional() @IsString() source?: string;
}

export class ListBalanceTransactionsPayload extends ScopedPayload(ListBalanceTransactionsParamsDto) implements RequestOf<typeof Patterns.BalanceTransactionList> {}
