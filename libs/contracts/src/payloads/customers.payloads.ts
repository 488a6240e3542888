import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import type { CreateCustomerParams, InvoiceSettingsInput, ListCustomersParams, TimestampRange, UpdateCustomerParams } from '../commands/customers.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { Metadata } from '../resources/list.js';
import {
  ExpandParamsDto,
  IsCreatedFilterShape,
  IsMetadataShape,
  ListExpandParamsDto,
  RetrieveParamsDto,
  ScopedPayload,
} from './common.payloads.js';

export class InvoiceSettingsDto implements InvoiceSettingsInput {
  @IsOptional() @IsString() default_payment_method?: string;
}

/** String fields may be `''` (unset), as in Stripe; their lengths are the service's rule. */
export class CreateCustomerParamsDto extends ExpandParamsDto implements CreateCustomerParams {
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() phone?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
  @IsOptional() @IsString() payment_method?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => InvoiceSettingsDto) invoice_settings?: InvoiceSettingsDto;
}

export class CreateCustomerPayload extends ScopedPayload(CreateCustomerParamsDto) implements RequestOf<typeof Patterns.CustomerCreate> {}

export class UpdateCustomerParamsDto extends RetrieveParamsDto implements UpdateCustomerParams {
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() phone?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape({ orEmpty: true }) metadata?: Metadata | '';
  @IsOptional() @IsObject() @ValidateNested() @Type(() => InvoiceSettingsDto) invoice_settings?: InvoiceSettingsDto;
}

export class UpdateCustomerPayload extends ScopedPayload(UpdateCustomerParamsDto) implements RequestOf<typeof Patterns.CustomerUpdate> {}

export class RetrieveCustomerPayload extends ScopedPayload(RetrieveParamsDto) implements RequestOf<typeof Patterns.CustomerRetrieve> {}

export class ListCustomersParamsDto extends ListExpandParamsDto implements ListCustomersParams {
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsCreatedFilterShape() created?: number | TimestampRange;
}

export class ListCustomersPayload extends ScopedPayload(ListCustomersParamsDto) implements RequestOf<typeof Patterns.CustomerList> {}
