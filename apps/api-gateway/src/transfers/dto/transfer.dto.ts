import { TRANSFER_PAYMENT_TYPES, TRANSFER_STATUSES, type CreatedFilter, type TransferPaymentType, type TransferStatus } from '@payrail/contracts';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsAmount } from '../../common/amount.validator.js';
import { IsCreatedFilter, ApiCreatedFilter, ToCreatedFilter } from '../../common/created-filter.js';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ListQueryDto } from '../../common/list-query.dto.js';

export class CreateTransferDto {
  @IsString() from_account!: string;
  @IsString() to_account!: string;
  @IsIn(TRANSFER_PAYMENT_TYPES) payment_type!: TransferPaymentType;
  @IsAmount({ currencyProperty: 'currency' }) amount!: number;
  @IsOptional() @IsString() currency?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() external_reference?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}

export class ListTransfersDto extends ListQueryDto {
  @IsOptional() @IsString() account?: string;
  @IsOptional() @IsIn(TRANSFER_STATUSES) status?: TransferStatus;
  @IsOptional() @IsIn(TRANSFER_PAYMENT_TYPES) payment_type?: TransferPaymentType;
  @IsOptional() @IsString() external_reference?: string;
  @IsOptional() @ToCreatedFilter() @IsCreatedFilter() @ApiCreatedFilter() created?: CreatedFilter;
}
