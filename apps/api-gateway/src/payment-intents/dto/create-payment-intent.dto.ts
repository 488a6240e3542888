import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUrl, Length } from 'class-validator';
import { IsAmount } from '../../common/amount.validator.js';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToBoolean } from '../../common/transforms.js';
import { IsPaymentMethodId } from '../../common/payment-method-id.validator.js';
import { IsExpandList } from '../../common/expand.validator.js';
import { IsPaymentMethodTypes } from './payment-method-types.validator.js';

export class CreatePaymentIntentDto {
  @IsExpandList() expand?: string[];
  @IsAmount({ currencyProperty: 'currency' }) amount!: number;
  @IsString() @Length(3, 3) currency!: string;
  @IsPaymentMethodTypes() payment_method_types?: string[];
  /** The name newer Stripe API versions (and SDKs) use for `payment_method_types`. */
  @IsPaymentMethodTypes() allowed_payment_method_types?: string[];
  @IsOptional() @IsIn(['automatic', 'manual']) capture_method?: 'automatic' | 'manual';
  @IsOptional() @IsIn(['automatic', 'manual']) confirmation_method?: 'automatic' | 'manual';
  @IsOptional() @IsString() @Length(0, 1000) description?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
  @IsOptional() @IsEmail() receipt_email?: string;
  @IsOptional() @IsString() @Length(1, 22) statement_descriptor?: string;
  @IsOptional() @IsString() @IsPaymentMethodId() payment_method?: string;
  @IsOptional() @ToBoolean() @IsBoolean() confirm?: boolean;
  @IsOptional() @IsString() @Length(1, 255) customer?: string;
  /** The Payment Service document's name for `customer`. */
  @IsOptional() @IsString() @Length(1, 255) customer_id?: string;
  /** Where the customer comes back after 3D Secure; with `confirm: true` only, as on Stripe. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) return_url?: string;
  /** The client's SDK handles the next action (see stripe-sdk-action.ts). */
  @IsOptional() @ToBoolean() @IsBoolean() use_stripe_sdk?: boolean;
}
