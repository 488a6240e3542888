import { IsIn, IsInt, IsOptional, IsString } from 'class-validator';
import type { CreateRefundParams, ListRefundsParams } from '../commands/refunds.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';
import type { Metadata } from '../resources/list.js';
import { IdempotentScopedPayload, IsMetadataShape, ListParamsDto, ScopedPayload } from './common.payloads.js';

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

/** Which of `payment_intent` and `charge` is given, and the amount's range, are the service's rules. */
export class CreateRefundParamsDto implements CreateRefundParams {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() charge?: string;
  @IsOptional() @IsInt() amount?: number;
  @IsOptional() @IsIn(REFUND_REASONS) reason?: (typeof REFUND_REASONS)[number];
  @IsOptional() @IsMetadataShape() metadata?: Metadata;
}

export class CreateRefundPayload extends IdempotentScopedPayload(CreateRefundParamsDto) implements RequestOf<typeof Patterns.RefundCreate> {}

export class ListRefundsParamsDto extends ListParamsDto implements ListRefundsParams {
  @IsOptional() @IsString() payment_intent?: string;
  @IsOptional() @IsString() charge?: string;
}

export class ListRefundsPayload extends ScopedPayload(ListRefundsParamsDto) implements RequestOf<typeof Patterns.RefundList> {}
