import { IsEmail, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsAmount } from '../../common/amount.validator.js';
import { IsMetadataUpdate } from './metadata-update.validator.js';
import { IsPaymentMethodId } from '../../common/payment-method-id.validator.js';
import { IsExpandList } from '../../common/expand.validator.js';

export class UpdatePaymentIntentDto {
  @IsExpandList() expand?: string[];
  @IsOptional() @IsAmount({ currencyProperty: 'currency' }) amount?: number;
  @IsOptional() @IsString() @Length(3, 3) currency?: string;
  @IsOptional() @IsString() @Length(1, 255) customer?: string;
  /** The Payment Service document's name for `customer`. */
  @IsOptional() @IsString() @Length(1, 255) customer_id?: string;
  @IsOptional() @IsString() @Length(0, 1000) description?: string;
  @IsOptional() @IsMetadataUpdate() metadata?: Record<string, string> | '';
  @IsOptional() @IsString() @IsPaymentMethodId() payment_method?: string;
  @IsOptional() @IsEmail() receipt_email?: string;
  @IsOptional() @IsString() @Length(1, 22) statement_descriptor?: string;
  @IsOptional() @IsIn(['automatic', 'manual']) capture_method?: 'automatic' | 'manual';
}
