import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToInteger } from '../../common/transforms.js';

export class CreateRefundDto {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() charge?: string;
  @IsOptional() @ToInteger() @IsInt() @Min(1) amount?: number;
  @IsOptional() @IsIn(['duplicate', 'fraudulent', 'requested_by_customer']) reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}
