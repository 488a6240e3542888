import { IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { IsPaymentMethodId } from '../../common/payment-method-id.validator.js';
import { IsExpandList } from '../../common/expand.validator.js';

export class ConfirmPaymentIntentDto {
  @IsExpandList() expand?: string[];
  @IsOptional() @IsString() @IsPaymentMethodId() payment_method?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) return_url?: string;
  /** Required with a publishable key; accepted and ignored with a secret key, as Stripe does. */
  @IsOptional() @IsString() @MaxLength(5000) client_secret?: string;
}
