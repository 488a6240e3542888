import type { CreateSigningKeyParams } from '@payrail/contracts';
import { IsBoolean, IsOptional } from 'class-validator';
import { ToBoolean } from '../../common/transforms.js';

export class CreateSigningKeyDto implements CreateSigningKeyParams {
  /** Absent: the caller's mode. */
  @IsOptional() @ToBoolean() @IsBoolean() livemode?: boolean;
}
