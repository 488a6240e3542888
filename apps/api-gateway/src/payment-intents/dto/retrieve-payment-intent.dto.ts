import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsExpandList } from '../../common/expand.validator.js';

export class RetrievePaymentIntentDto {
  @IsExpandList() expand?: string[];
  /** Required with a publishable key; accepted and ignored with a secret key, as Stripe does. */
  @IsOptional() @IsString() @MaxLength(5000) client_secret?: string;
}
