import { LEDGER_ACCOUNT_STATUSES, type LedgerAccountStatus } from '@payrail/contracts';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ListQueryDto } from '../../common/list-query.dto.js';

export class CreateLedgerAccountDto {
  @IsString() @Length(3, 3) currency!: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() external_reference?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}

export class UpdateLedgerAccountDto {
  @IsOptional() @IsIn(LEDGER_ACCOUNT_STATUSES) status?: LedgerAccountStatus;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}

export class ListLedgerAccountsDto extends ListQueryDto {
  @IsOptional() @IsIn(LEDGER_ACCOUNT_STATUSES) status?: LedgerAccountStatus;
  @IsOptional() @IsString() external_reference?: string;
}
