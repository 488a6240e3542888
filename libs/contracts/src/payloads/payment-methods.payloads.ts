import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import type {
  AddressInput,
  AttachPaymentMethodParams,
  BillingDetailsInput,
  CardInput,
  CreatePaymentMethodParams,
  ListPaymentMethodsParams,
  RetrievePaymentMethodParams,
} from '../commands/payment-methods.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { Metadata } from '../resources/list.js';
import { ExpandParamsDto, IsMetadataShape, ListExpandParamsDto, RetrieveParamsDto, ScopedPayload } from './common.payloads.js';

/** The card's own rules (Luhn, expiry, CVC) are the service's, with Stripe's card_error codes. */
export class CardInputDto implements CardInput {
  @IsString() number!: string;
  @IsInt() exp_month!: number;
  @IsInt() exp_year!: number;
  @IsOptional() @IsString() cvc?: string;
}

export class AddressInputDto implements AddressInput {
  @IsOptional() @IsString() city?: string;
  @IsOptional() @IsString() country?: string;
  @IsOptional() @IsString() line1?: string;
  @IsOptional() @IsString() line2?: string;
  @IsOptional() @IsString() postal_code?: string;
  @IsOptional() @IsString() state?: string;
}

export class BillingDetailsInputDto implements BillingDetailsInput {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AddressInputDto) address?: AddressInputDto;
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() phone?: string;
}

export class MpesaInputDto {
  @IsString() phone_number!: string;
}

export class CreatePaymentMethodParamsDto extends ExpandParamsDto implements CreatePaymentMethodParams {
  @IsIn(['card', 'mpesa']) type!: 'card' | 'mpesa';
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CardInputDto) card?: CardInputDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => MpesaInputDto) mpesa?: MpesaInputDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => BillingDetailsInputDto) billing_details?: BillingDetailsInputDto;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class CreatePaymentMethodPayload extends ScopedPayload(CreatePaymentMethodParamsDto) implements RequestOf<typeof Patterns.PaymentMethodCreate> {}

export class RetrievePaymentMethodParamsDto extends RetrieveParamsDto implements RetrievePaymentMethodParams {
  @IsOptional() @IsString() customer?: string;
}

export class RetrievePaymentMethodPayload
  extends ScopedPayload(RetrievePaymentMethodParamsDto)
  implements RequestOf<typeof Patterns.PaymentMethodRetrieve> {}

export class ListPaymentMethodsParamsDto extends ListExpandParamsDto implements ListPaymentMethodsParams {
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsString() type?: string;
}

export class ListPaymentMethodsPayload extends ScopedPayload(ListPaymentMethodsParamsDto) implements RequestOf<typeof Patterns.PaymentMethodList> {}

export class AttachPaymentMethodParamsDto extends RetrieveParamsDto implements AttachPaymentMethodParams {
  @IsString() customer!: string;
}

export class AttachPaymentMethodPayload extends ScopedPayload(AttachPaymentMethodParamsDto) implements RequestOf<typeof Patterns.PaymentMethodAttach> {}

export class DetachPaymentMethodPayload
  extends ScopedPayload(RetrieveParamsDto)
  implements RequestOf<typeof Patterns.PaymentMethodDetach> {}
