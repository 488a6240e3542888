import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToInteger } from '../../common/transforms.js';
import { IsExpandList } from '../../common/expand.validator.js';

/**
 * Only types are checked here; payments checks the card itself (Luhn, brand, expiry, CVC) with Stripe's
 * card_error codes. No message here may contain a value: class-validator's default messages name the
 * property only, and the number must never come back in an error.
 */
export class CardDto {
  @IsString() @MaxLength(64) number!: string;
  @ToInteger() @IsInt() exp_month!: number;
  @ToInteger() @IsInt() exp_year!: number;
  @IsOptional() @IsString() @MaxLength(8) cvc?: string;
}

export class AddressDto {
  @IsOptional() @IsString() @MaxLength(5000) city?: string;
  @IsOptional() @IsString() @MaxLength(5000) country?: string;
  @IsOptional() @IsString() @MaxLength(5000) line1?: string;
  @IsOptional() @IsString() @MaxLength(5000) line2?: string;
  @IsOptional() @IsString() @MaxLength(5000) postal_code?: string;
  @IsOptional() @IsString() @MaxLength(5000) state?: string;
}

export class BillingDetailsDto {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
  @IsOptional() @IsEmail() @MaxLength(800) email?: string;
  @IsOptional() @IsString() @MaxLength(5000) name?: string;
  @IsOptional() @IsString() @MaxLength(5000) phone?: string;
}

/** The number's format is payments' check (INVALID_PHONE-style 400 naming `mpesa[phone_number]`). */
export class MpesaDto {
  @IsString() @MaxLength(32) phone_number!: string;
}

export class CreatePaymentMethodDto {
  @IsExpandList() expand?: string[];
  @IsIn(['card', 'mpesa']) type!: 'card' | 'mpesa';
  /** Required for `card` (payments refuses its absence, naming it). */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CardDto) card?: CardDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MpesaDto) mpesa?: MpesaDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => BillingDetailsDto) billing_details?: BillingDetailsDto;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}
