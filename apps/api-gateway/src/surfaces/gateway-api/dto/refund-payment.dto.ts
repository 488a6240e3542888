import { IsNumber, IsOptional, IsPositive, IsString, Length, MaxLength } from 'class-validator';

/** `POST /api/v1/refund`: `amount` in major units (all that is left when absent), `reason` in the merchant's words. */
export class RefundPaymentDto {
  @IsString() @Length(1, 255) transaction_id!: string;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() amount?: number;
  /** Kept as written, in the refund's metadata (Stripe's own `reason` is an enum). */
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
