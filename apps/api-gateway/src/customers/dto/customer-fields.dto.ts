import { Type } from 'class-transformer';
import { IsEmail, IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsMetadata } from '../../common/metadata.validator.js';
import { IsExpandList } from '../../common/expand.validator.js';

/** An empty string unsets the field, as in Stripe. */
const unlessEmpty = (property: string) => ValidateIf((dto: Record<string, unknown>) => dto[property] !== '');

export class InvoiceSettingsDto {
  /** A payment method attached to this customer, or `''` to unset. */
  @IsOptional() @IsString() default_payment_method?: string;
}

/** The fields a customer is created or updated with. */
export class CustomerFieldsDto {
  @IsExpandList() expand?: string[];
  @IsOptional() @unlessEmpty('email') @IsString() @MaxLength(512) @IsEmail() email?: string;
  @IsOptional() @IsString() @MaxLength(256) name?: string;
  @IsOptional() @IsString() @MaxLength(20) phone?: string;
  @IsOptional() @IsString() @MaxLength(350) description?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => InvoiceSettingsDto) invoice_settings?: InvoiceSettingsDto;
}

export class CreateCustomerDto extends CustomerFieldsDto {
  @IsOptional() @IsMetadata() metadata?: Record<string, string>;
  /** A payment method to attach to the new customer. */
  @IsOptional() @IsString() payment_method?: string;
}

export class UpdateCustomerDto extends CustomerFieldsDto {
  /** Keys merge; a key set to `''` is removed, and `metadata: ''` removes them all. */
  @IsOptional() @unlessEmpty('metadata') @IsMetadata() metadata?: Record<string, string> | '';
}
