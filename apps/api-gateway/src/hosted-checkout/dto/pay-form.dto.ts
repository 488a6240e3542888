import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from '../../common/transforms.js';

/** The hosted page's payment forms (card, M-Pesa or UPI). Sizes only: what a person mistypes is said on the page (see readCard). */
export class PayFormDto {
  @IsString() @MaxLength(64) csrf!: string;
  @ToInteger() @IsInt() @Min(0) @Max(1_000_000) attempt!: number;
  @IsOptional() @IsString() @MaxLength(512) email?: string;
  @IsOptional() @IsString() @MaxLength(200) cardholder?: string;
  /** The form sent: the card form (the default), the M-Pesa one, or UPI or a card paid at Razorpay's own page. */
  @IsOptional() @IsIn(['card', 'mpesa', 'upi', 'card_at_gateway']) method?: 'card' | 'mpesa' | 'upi' | 'card_at_gateway';
  @IsOptional() @IsString() @MaxLength(40) card_number?: string;
  @IsOptional() @IsString() @MaxLength(16) card_exp?: string;
  @IsOptional() @IsString() @MaxLength(8) card_cvc?: string;
  @IsOptional() @IsString() @MaxLength(20) mpesa_phone?: string;
}
