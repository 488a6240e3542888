import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { ToArray, ToInteger } from '../../common/transforms.js';

const HTTP_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ProductDataDto {
  @IsString() @IsNotEmpty() @MaxLength(250) name!: string;
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @ToArray() @IsArray() @ArrayMaxSize(8) @IsUrl(HTTP_URL, { each: true }) images?: string[];
}

export class PriceDataDto {
  @IsString() @Length(3, 3) currency!: string;
  /** Minor units; 0 is a free item, the session total is checked by the service. */
  @ToInteger() @IsInt() @Min(0) unit_amount!: number;
  @IsObject() @ValidateNested() @Type(() => ProductDataDto) product_data!: ProductDataDto;
}

export class LineItemDto {
  @IsObject() @ValidateNested() @Type(() => PriceDataDto) price_data!: PriceDataDto;
  @ToInteger() @IsInt() @Min(1) @Max(999_999) quantity!: number;
}

export class PaymentIntentDataDto {
  @IsOptional() @IsIn(['automatic', 'manual']) capture_method?: 'automatic' | 'manual';
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}

/** Stripe's `checkout.sessions.create`, payment mode with inline `price_data`. */
export class CreateCheckoutSessionDto {
  @IsIn(['payment']) mode!: 'payment';
  @ToArray() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => LineItemDto) line_items!: LineItemDto[];
  /** `{CHECKOUT_SESSION_ID}` in it is replaced by the session's id. */
  @IsUrl(HTTP_URL) @MaxLength(5000) success_url!: string;
  @IsOptional() @IsUrl(HTTP_URL) @MaxLength(5000) cancel_url?: string;
  @IsOptional() @IsString() @Length(1, 255) customer?: string;
  @IsOptional() @IsEmail() @MaxLength(512) customer_email?: string;
  @IsOptional() @IsString() @Length(1, 200) client_reference_id?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
  @IsOptional() @ToArray() @IsArray() @IsString({ each: true }) payment_method_types?: string[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PaymentIntentDataDto) payment_intent_data?: PaymentIntentDataDto;
  @IsOptional() @ToInteger() @IsInt() expires_at?: number;
  @IsOptional() @IsString() @Length(2, 10) locale?: string;
}
