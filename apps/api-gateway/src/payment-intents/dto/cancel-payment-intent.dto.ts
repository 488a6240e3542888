import type { CancellationReason } from '@payrail/contracts';
import { IsIn, IsOptional } from 'class-validator';

export const CANCELLATION_REASONS: readonly CancellationReason[] = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'];

export class CancelPaymentIntentDto {
  @IsOptional() @IsIn(CANCELLATION_REASONS) cancellation_reason?: CancellationReason;
}
