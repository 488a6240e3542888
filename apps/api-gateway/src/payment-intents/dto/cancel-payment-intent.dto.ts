import type { CancellationReason } from '@payrail/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { IsExpandList } from '../../common/expand.validator.js';

export const CANCELLATION_REASONS: readonly CancellationReason[] = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'];

export class CancelPaymentIntentDto {
  @IsExpandList() expand?: string[];
  @IsOptional() @IsIn(CANCELLATION_REASONS) cancellation_reason?: CancellationReason;
}
