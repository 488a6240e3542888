import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import type {
  AuthorizePaymentParams,
  CapturePaymentParams,
  CompleteAuthenticationParams,
  GiveBackLatePaymentsParams,
  RazorpayCheckoutResult,
  RefundPaymentParams,
  SyncAuthorizationParams,
  VoidPaymentParams,
} from '../commands/connectors.commands.js';
import type { CardTokenSource, TokenizeCardParams } from '../commands/payment-methods.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import { IsMetadataShape, ScopedPayload } from './common.payloads.js';

/** Ids that become gateway idempotency keys and references: non-empty, and short enough to send upstream. */
const GatewayId = () => Length(1, 255);

/** Whether the currency is known and the amount within its limit are the connector's rules. */
class MoneyDto {
  @IsInt() @Min(1) amount!: number;
  @IsString() currency!: string;
}

export class AuthorizePaymentParamsDto extends MoneyDto implements AuthorizePaymentParams {
  @IsString() @GatewayId() paymentIntentId!: string;
  @IsInt() @Min(1) attempt!: number;
  @IsString() @Length(1, 5000) paymentMethod!: string;
  @IsOptional() @IsString() @Length(1, 64) paymentMethodType?: string;
  @IsIn(['automatic', 'manual']) captureMethod!: 'automatic' | 'manual';
  @IsOptional() @IsMetadataShape() metadata?: Record<string, string>;
  @IsOptional() @IsString() @Length(1, 2048) returnUrl?: string;
}

export class AuthorizePaymentPayload extends ScopedPayload(AuthorizePaymentParamsDto) implements RequestOf<typeof Patterns.ConnectorAuthorize> {}

export class RazorpayCheckoutResultDto implements RazorpayCheckoutResult {
  @IsString() @Length(1, 64) razorpay_payment_id!: string;
  @IsString() @Length(1, 256) razorpay_signature!: string;
}

export class CompleteAuthenticationParamsDto implements CompleteAuthenticationParams {
  @IsString() @GatewayId() paymentIntentId!: string;
  @IsInt() @Min(1) attempt!: number;
  @IsString() @GatewayId() gatewayReference!: string;
  @IsBoolean() authenticated!: boolean;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => RazorpayCheckoutResultDto) checkout?: RazorpayCheckoutResultDto;
}

export class CompleteAuthenticationPayload
  extends ScopedPayload(CompleteAuthenticationParamsDto)
  implements RequestOf<typeof Patterns.ConnectorCompleteAuthentication> {}

export class SyncAuthorizationParamsDto implements SyncAuthorizationParams {
  @IsString() @GatewayId() paymentIntentId!: string;
  @IsInt() @Min(1) attempt!: number;
  @IsIn(['authorization', 'authentication']) step!: 'authorization' | 'authentication';
  @IsOptional() @IsBoolean() recordedOnly?: boolean;
}

export class SyncAuthorizationPayload
  extends ScopedPayload(SyncAuthorizationParamsDto)
  implements RequestOf<typeof Patterns.ConnectorSyncAuthorization> {}

export class GiveBackLatePaymentsParamsDto implements GiveBackLatePaymentsParams {
  @IsString() @GatewayId() paymentIntentId!: string;
}

export class GiveBackLatePaymentsPayload
  extends ScopedPayload(GiveBackLatePaymentsParamsDto)
  implements RequestOf<typeof Patterns.ConnectorGiveBackLatePayments> {}

export class CapturePaymentParamsDto extends MoneyDto implements CapturePaymentParams {
  @IsString() @GatewayId() paymentIntentId!: string;
  @IsString() @GatewayId() connector!: string;
  @IsString() @GatewayId() gatewayReference!: string;
}

export class CapturePaymentPayload extends ScopedPayload(CapturePaymentParamsDto) implements RequestOf<typeof Patterns.ConnectorCapture> {}

export class VoidPaymentParamsDto implements VoidPaymentParams {
  @IsString() @GatewayId() paymentIntentId!: string;
  @IsString() @GatewayId() connector!: string;
  @IsString() @GatewayId() gatewayReference!: string;
}

export class VoidPaymentPayload extends ScopedPayload(VoidPaymentParamsDto) implements RequestOf<typeof Patterns.ConnectorVoid> {}

export class RefundPaymentParamsDto extends MoneyDto implements RefundPaymentParams {
  @IsString() @GatewayId() refundId!: string;
  @IsString() @GatewayId() connector!: string;
  @IsString() @GatewayId() gatewayReference!: string;
}

export class RefundPaymentPayload extends ScopedPayload(RefundPaymentParamsDto) implements RequestOf<typeof Patterns.ConnectorRefund> {}

export class SyncRefundPayload extends ScopedPayload(RefundPaymentParamsDto) implements RequestOf<typeof Patterns.ConnectorRefundSync> {}

/** A raw test card; its number is never echoed in an error (class-validator's messages name the property only). */
export class CardNumberSourceDto {
  @IsIn(['card_number']) type!: 'card_number';
  @IsString() @MaxLength(64) number!: string;
  @IsInt() exp_month!: number;
  @IsInt() exp_year!: number;
}

export class TestTokenSourceDto {
  @IsIn(['test_token']) type!: 'test_token';
  @IsString() token!: string;
}

export class TokenizeCardParamsDto implements TokenizeCardParams {
  @IsObject()
  @ValidateNested()
  @Type(() => TestTokenSourceDto, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'type',
      subTypes: [
        { name: 'card_number', value: CardNumberSourceDto },
        { name: 'test_token', value: TestTokenSourceDto },
      ],
    },
  })
  source!: CardTokenSource;
}

export class TokenizeCardPayload extends ScopedPayload(TokenizeCardParamsDto) implements RequestOf<typeof Patterns.ConnectorCardTokenize> {}
