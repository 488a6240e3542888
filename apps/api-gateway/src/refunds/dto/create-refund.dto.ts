import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsAmount } from '../../common/amount.validator.js';
import { IsMetadata } from '../../common/metadata.validator.js';

export class CreateRefundDto {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() charge?: string;
  @IsOptional() @IsAmount() amount?: number;
  @IsOptional() @IsIn(['duplicate', 'fraudulent', 'requested_by_customer']) reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}
