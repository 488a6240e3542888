import { IsEmail, IsNumber, IsOptional, IsPositive, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { IsMetadata } from '../../../common/metadata.validator.js';

/** `POST /api/v1/pay` as the gateway API document defines it (JSON). */
export class CreatePaymentDto {
  @IsString() @Length(1, 200) order_id!: string;
  /** Major units (`1500.00`): converted exactly with the currency's exponent. */
  @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() amount!: number;
  @IsString() @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be a 3-letter ISO code' }) currency!: string;
  @IsOptional() @IsString() @MaxLength(256) customer_name?: string;
  @IsOptional() @IsEmail() @MaxLength(512) customer_email?: string;
  @IsOptional() @IsString() @MaxLength(20) customer_phone?: string;
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) @MaxLength(5000) return_url!: string;
  /**
   * This payment's own notifications. HTTPS in live mode; in test mode the rules of webhook endpoints
   * (plain HTTP, and loopback or private hosts where the operator allows them), checked by webhook-dispatch.
   */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'webhook_url must be an HTTPS URL' }) @MaxLength(2048) webhook_url?: string;
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
}
