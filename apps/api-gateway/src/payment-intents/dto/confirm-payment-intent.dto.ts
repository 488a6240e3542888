import { ToBoolean } from '../../common/transforms.js';
import { IsBoolean, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsPaymentMethodId } from '../../common/payment-method-id.validator.js';
import { IsExpandList } from '../../common/expand.validator.js';

export class ConfirmPaymentIntentDto {
  @IsExpandList() expand?: string[];
  @IsOptional() @IsString() @IsPaymentMethodId() payment_method?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) return_url?: string;
  /** The client's SDK handles the next action (see stripe-sdk-action.ts). */
  @IsOptional() @ToBoolean() @IsBoolean() use_stripe_sdk?: boolean;
  /**
   * Payrail extension: what Razorpay Checkout handed the customer's browser, to complete an intent whose
   * next_action is `razorpay_checkout`. Both or neither.
   */
  @ValidateIf((dto: ConfirmPaymentIntentDto) => dto.razorpay_payment_id !== undefined || dto.razorpay_signature !== undefined)
  @IsString()
  @Matches(/^pay_[A-Za-z0-9]{1,40}$/, { message: 'razorpay_payment_id must be a Razorpay payment id (pay_…)' })
  razorpay_payment_id?: string;
  @ValidateIf((dto: ConfirmPaymentIntentDto) => dto.razorpay_payment_id !== undefined || dto.razorpay_signature !== undefined)
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'razorpay_signature must be the hex HMAC-SHA256 Razorpay Checkout returned' })
  razorpay_signature?: string;
  /** Required with a publishable key; accepted and ignored with a secret key, as Stripe does. */
  @IsOptional() @IsString() @MaxLength(5000) client_secret?: string;
}
