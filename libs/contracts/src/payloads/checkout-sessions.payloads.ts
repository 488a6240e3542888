import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import type {
  CheckoutGatewayReturnParams,
  CheckoutLineItemInput,
  CheckoutNotificationTargetInput,
  CheckoutPageParams,
  CheckoutPaymentIntentDataInput,
  CheckoutPriceDataInput,
  CheckoutProductDataInput,
  CreateCheckoutSessionParams,
  ListCheckoutLineItemsParams,
  ListCheckoutSessionsParams,
  ListCheckoutTransactionsParams,
  PayCheckoutSessionParams,
} from '../commands/checkout-sessions.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { CheckoutTransactionStatus } from '../resources/checkout-session.resource.js';
import type { CreatedFilter } from '../commands/payments.commands.js';
import type { Metadata } from '../resources/list.js';
import { IsCreatedFilterShape, IsMetadataShape, ListParamsDto, ScopedPayload } from './common.payloads.js';
import { CardInputDto } from './payment-methods.payloads.js';

const CAPTURE_METHODS = ['automatic', 'manual'] as const;

export class CheckoutProductDataDto implements CheckoutProductDataInput {
  @IsString() name!: string;
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) images?: string[];
}

export class CheckoutPriceDataDto implements CheckoutPriceDataInput {
  @IsString() currency!: string;
  @IsInt() unit_amount!: number;
  @IsObject() @ValidateNested() @Type(() => CheckoutProductDataDto) product_data!: CheckoutProductDataDto;
}

export class CheckoutLineItemDto implements CheckoutLineItemInput {
  @IsObject() @ValidateNested() @Type(() => CheckoutPriceDataDto) price_data!: CheckoutPriceDataDto;
  @IsInt() quantity!: number;
}

export class CheckoutPaymentIntentDataDto implements CheckoutPaymentIntentDataInput {
  @IsOptional() @IsIn(CAPTURE_METHODS) capture_method?: 'automatic' | 'manual';
  @IsOptional() @IsString() description?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class CheckoutNotificationTargetDto implements CheckoutNotificationTargetInput {
  @IsString() url!: string;
  @IsString() signing_key!: string;
}

/** Shapes only; amounts, currencies, URLs and the expiry window are the service's rules. */
export class CreateCheckoutSessionParamsDto implements CreateCheckoutSessionParams {
  @IsIn(['payment']) mode!: 'payment';
  @IsArray() @ValidateNested({ each: true }) @Type(() => CheckoutLineItemDto) line_items!: CheckoutLineItemDto[];
  @IsString() success_url!: string;
  @IsOptional() @IsString() cancel_url?: string;
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsString() customer_email?: string;
  @IsOptional() @IsString() client_reference_id?: string;
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
  @IsOptional() @IsArray() @IsString({ each: true }) payment_method_types?: string[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CheckoutPaymentIntentDataDto) payment_intent_data?: CheckoutPaymentIntentDataDto;
  @IsOptional() @IsInt() expires_at?: number;
  @IsOptional() @IsString() locale?: string;
  @IsOptional() @IsString() order_id?: string;
  @IsOptional() @IsString() customer_name?: string;
  @IsOptional() @IsString() customer_phone?: string;
  @IsOptional() @Matches(/^cs_[0-9A-Za-z]{8,64}$/) id?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CheckoutNotificationTargetDto) notification?: CheckoutNotificationTargetDto;
}

export class CreateCheckoutSessionPayload extends ScopedPayload(CreateCheckoutSessionParamsDto) implements RequestOf<typeof Patterns.CheckoutSessionCreate> {}

export class ListCheckoutSessionsParamsDto extends ListParamsDto implements ListCheckoutSessionsParams {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() customer?: string;
  @IsOptional() @IsString() client_reference_id?: string;
  @IsOptional() @IsIn(['open', 'complete', 'expired']) status?: 'open' | 'complete' | 'expired';
}

export class ListCheckoutSessionsPayload extends ScopedPayload(ListCheckoutSessionsParamsDto) implements RequestOf<typeof Patterns.CheckoutSessionList> {}

export class ListCheckoutLineItemsParamsDto extends ListParamsDto implements ListCheckoutLineItemsParams {
  @IsString() id!: string;
}

export class ListCheckoutLineItemsPayload
  extends ScopedPayload(ListCheckoutLineItemsParamsDto)
  implements RequestOf<typeof Patterns.CheckoutSessionLineItems> {}

/** Not merchant-scoped: the session's id in the hosted page's URL is the credential. */
export class CheckoutPagePayload implements CheckoutPageParams, RequestOf<typeof Patterns.CheckoutSessionPage> {
  @IsString() id!: string;
}

export class CheckoutMpesaDto {
  @IsString() phone_number!: string;
}

export class PayCheckoutSessionPayload implements PayCheckoutSessionParams, RequestOf<typeof Patterns.CheckoutSessionPay> {
  @IsString() id!: string;
  @IsInt() @Min(0) attempt!: number;
  @ValidateIf((payload: PayCheckoutSessionPayload) => payload.mpesa === undefined && payload.at_gateway === undefined) @IsObject() @ValidateNested() @Type(() => CardInputDto) card?: CardInputDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CheckoutMpesaDto) mpesa?: CheckoutMpesaDto;
  @IsOptional() @IsIn(['upi', 'card']) at_gateway?: 'upi' | 'card';
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsString() name?: string;
  @IsString() return_url!: string;
}

export class CheckoutRazorpayResultDto {
  @IsString() @Length(1, 64) razorpay_order_id!: string;
  @IsString() @Length(1, 64) razorpay_payment_id!: string;
  @IsString() @Length(1, 256) razorpay_signature!: string;
}

/** Not merchant-scoped, like the page: see CheckoutGatewayReturnParams. */
export class CheckoutGatewayReturnPayload implements CheckoutGatewayReturnParams, RequestOf<typeof Patterns.CheckoutSessionGatewayReturn> {
  @IsString() id!: string;
  @IsObject() @ValidateNested() @Type(() => CheckoutRazorpayResultDto) razorpay!: CheckoutRazorpayResultDto;
}

const TRANSACTION_STATUSES: CheckoutTransactionStatus[] = ['pending', 'success', 'failed', 'refunded', 'disputed'];

export class ListCheckoutTransactionsParamsDto implements ListCheckoutTransactionsParams {
  @IsOptional() @IsInt() @Min(1) page?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsIn(TRANSACTION_STATUSES) status?: CheckoutTransactionStatus;
  @IsOptional() @IsString() order_id?: string;
  @IsOptional() @IsString() id?: string;
  @IsOptional() @IsCreatedFilterShape() created?: CreatedFilter;
}

export class ListCheckoutTransactionsPayload
  extends ScopedPayload(ListCheckoutTransactionsParamsDto)
  implements RequestOf<typeof Patterns.CheckoutSessionTransactions> {}
