import { IsInt, IsOptional, Min } from 'class-validator';
import { ToInteger } from '../../common/transforms.js';
import { IsMetadataUpdate } from './metadata-update.validator.js';
import { IsExpandList } from '../../common/expand.validator.js';

export class CapturePaymentIntentDto {
  @IsExpandList() expand?: string[];
  /** Defaults to all of `amount_capturable`; less is a partial capture and the rest is released. */
  @IsOptional() @ToInteger() @IsInt() @Min(1) amount_to_capture?: number;
  @IsOptional() @IsMetadataUpdate() metadata?: Record<string, string> | '';
}
