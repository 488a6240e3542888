import { IsNumber, IsOptional, IsString } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';

/** The Payment Engine document's transaction request: decimal amounts, its own field names. */
export class EngineTransactionDto {
  @IsString() fromAccountId!: string;
  @IsString() toAccountId!: string;
  /** `RTP`, `ACH_CREDIT`, `wire_domestic`…: the document writes them in either case. */
  @IsString() paymentTypeId!: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) amount!: number;
  @IsOptional() @IsString() currencyCode?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsString() externalReference?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}

export class EngineTransactionListDto {
  @IsOptional() @IsString() accountId?: string;
  @IsOptional() @IsString() status?: string;
  @IsOptional() @IsString() limit?: string;
  @IsOptional() @IsString() startingAfter?: string;
}
