import type { CheckoutTransactionStatus } from '@payrail/contracts';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from '../../../common/transforms.js';

const STATUSES: CheckoutTransactionStatus[] = ['pending', 'success', 'failed', 'refunded', 'disputed'];
/** A UTC day (`2026-06-18`) or an instant (`2026-06-18T20:00:00Z`, `2026-06-18 20:00:00` as the document prints them). */
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `GET /api/v1/transactions` as the gateway API document names its query parameters. */
export class ListTransactionsDto {
  @IsOptional() @ToInteger() @IsInt() @Min(1) page?: number;
  @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` }) status?: CheckoutTransactionStatus;
  @IsOptional() @IsString() @MaxLength(200) order_id?: string;
  @IsOptional() @Matches(DATE, { message: 'from_date must be a date (YYYY-MM-DD) or a date and time' }) from_date?: string;
  @IsOptional() @Matches(DATE, { message: 'to_date must be a date (YYYY-MM-DD) or a date and time' }) to_date?: string;
}
