import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length } from 'class-validator';
import type {
  AuthenticatePaymentIntentParams,
  AuthenticationPageParams,
  CancellationReason,
  CancelPaymentIntentParams,
  CapturePaymentIntentParams,
  ChargeForRefundParams,
  ChargeReceiptParams,
  ConfirmPaymentIntentParams,
  CreatedFilter,
  CreatePaymentIntentParams,
  ListChargesParams,
  ListPaymentIntentsParams,
  UpdatePaymentIntentParams,
} from '../commands/payments.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { Metadata } from '../resources/list.js';
import {
  ExpandParamsDto,
  IdempotentScopedPayload,
  IsCreatedFilterShape,
  IsMetadataShape,
  ListExpandParamsDto,
  RetrieveParamsDto,
  ScopedPayload,
} from './common.payloads.js';

const CAPTURE_METHODS = ['automatic', 'manual'] as const;
const CANCELLATION_REASONS: CancellationReason[] = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'];

export class CreatePaymentIntentParamsDto extends ExpandParamsDto implements CreatePaymentIntentParams {
  /** Integers only; the range per currency is the service's rule. */
  @IsInt() amount!: number;
  @IsString() currency!: string;
  @IsOptional() @IsArray() @IsString({ each: true }) payment_method_types?: string[];
  @IsOptional() @IsIn(CAPTURE_METHODS) capture_method?: 'automatic' | 'manual';
  @IsOptional() @IsIn(CAPTURE_METHODS) confirmation_method?: 'automatic' | 'manual';
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
  @IsOptional() @IsString() receipt_email?: string;
  @IsOptional() @IsString() statement_descriptor?: string;
  @IsOptional() @IsString() payment_method?: string;
  @IsOptional() @IsBoolean() confirm?: boolean;
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsString() return_url?: string;
}

export class CreatePaymentIntentPayload
  extends IdempotentScopedPayload(CreatePaymentIntentParamsDto)
  implements RequestOf<typeof Patterns.PaymentIntentCreate> {}

export class RetrievePaymentIntentPayload extends ScopedPayload(RetrieveParamsDto) implements RequestOf<typeof Patterns.PaymentIntentRetrieve> {}

export class ListPaymentIntentsParamsDto extends ListExpandParamsDto implements ListPaymentIntentsParams {
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsCreatedFilterShape() created?: CreatedFilter;
}

export class ListPaymentIntentsPayload extends ScopedPayload(ListPaymentIntentsParamsDto) implements RequestOf<typeof Patterns.PaymentIntentList> {}

export class UpdatePaymentIntentParamsDto extends RetrieveParamsDto implements UpdatePaymentIntentParams {
  @IsOptional() @IsInt() amount?: number;
  @IsOptional() @IsString() currency?: string;
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape({ orEmpty: true }) metadata?: Metadata | '';
  @IsOptional() @IsString() payment_method?: string;
  @IsOptional() @IsString() receipt_email?: string;
  @IsOptional() @IsString() statement_descriptor?: string;
  @IsOptional() @IsIn(CAPTURE_METHODS) capture_method?: 'automatic' | 'manual';
}

export class UpdatePaymentIntentPayload extends ScopedPayload(UpdatePaymentIntentParamsDto) implements RequestOf<typeof Patterns.PaymentIntentUpdate> {}

export class ConfirmPaymentIntentParamsDto extends RetrieveParamsDto implements ConfirmPaymentIntentParams {
  @IsOptional() @IsString() payment_method?: string;
  @IsOptional() @IsString() return_url?: string;
  @IsOptional() @IsString() @Length(1, 64) razorpay_payment_id?: string;
  @IsOptional() @IsString() @Length(1, 256) razorpay_signature?: string;
}

export class ConfirmPaymentIntentPayload
  extends IdempotentScopedPayload(ConfirmPaymentIntentParamsDto)
  implements RequestOf<typeof Patterns.PaymentIntentConfirm> {}

export class CapturePaymentIntentParamsDto extends RetrieveParamsDto implements CapturePaymentIntentParams {
  @IsOptional() @IsInt() amount_to_capture?: number;
  @IsOptional() @IsMetadataShape({ orEmpty: true }) metadata?: Metadata | '';
}

export class CapturePaymentIntentPayload extends ScopedPayload(CapturePaymentIntentParamsDto) implements RequestOf<typeof Patterns.PaymentIntentCapture> {}

export class CancelPaymentIntentParamsDto extends RetrieveParamsDto implements CancelPaymentIntentParams {
  @IsOptional() @IsIn(CANCELLATION_REASONS) cancellation_reason?: CancellationReason;
}

export class CancelPaymentIntentPayload extends ScopedPayload(CancelPaymentIntentParamsDto) implements RequestOf<typeof Patterns.PaymentIntentCancel> {}

/** Not merchant-scoped: the single-use token bound to the intent is the credential. */
export class AuthenticationPagePayload implements AuthenticationPageParams, RequestOf<typeof Patterns.PaymentIntentAuthenticationPage> {
  @IsString() id!: string;
  @IsString() token!: string;
}

export class AuthenticatePaymentIntentPayload
  extends AuthenticationPagePayload
  implements AuthenticatePaymentIntentParams, RequestOf<typeof Patterns.PaymentIntentAuthenticate>
{
  @IsIn(['complete', 'fail']) outcome!: 'complete' | 'fail';
}

export class RetrieveChargePayload extends ScopedPayload(RetrieveParamsDto) implements RequestOf<typeof Patterns.ChargeRetrieve> {}

export class ListChargesParamsDto extends ListExpandParamsDto implements ListChargesParams {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsCreatedFilterShape() created?: CreatedFilter;
}

export class ListChargesPayload extends ScopedPayload(ListChargesParamsDto) implements RequestOf<typeof Patterns.ChargeList> {}

export class ChargeReceiptPayload implements ChargeReceiptParams, RequestOf<typeof Patterns.ChargeReceipt> {
  @IsString() id!: string;
  @IsString() token!: string;
}

export class ChargeForRefundParamsDto implements ChargeForRefundParams {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() charge?: string;
}

export class ChargeForRefundPayload extends ScopedPayload(ChargeForRefundParamsDto) implements RequestOf<typeof Patterns.ChargeForRefund> {}
