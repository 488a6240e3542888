import { IsOptional, IsString, IsUrl } from 'class-validator';

export class ConfirmPaymentIntentDto {
  @IsOptional() @IsString() payment_method?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) return_url?: string;
}
