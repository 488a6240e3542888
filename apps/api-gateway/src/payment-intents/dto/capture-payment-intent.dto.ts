import { IsOptional } from 'class-validator';
import { IsAmount } from '../../common/amount.validator.js';
import { IsMetadataUpdate } from './metadata-update.validator.js';
import { IsExpandList } from '../../common/expand.validator.js';

export class CapturePaymentIntentDto {
  @IsExpandList() expand?: string[];
  /** Defaults to all of `amount_capturable`; less is a partial capture and the rest is released. */
  @IsOptional() @IsAmount() amount_to_capture?: number;
  @IsOptional() @IsMetadataUpdate() metadata?: Record<string, string> | '';
}
