import { IsOptional, IsString, IsUrl } from 'class-validator';
import { IsPaymentMethodId } from '../../common/payment-method-id.validator.js';

export class ConfirmPaymentIntentDto {
  @IsOptional() @IsString() @IsPaymentMethodId() payment_method?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) return_url?: string;
}
