import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToInteger } from '../../common/transforms.js';

/** Up to seven days, as Stripe's dashboard offers; absent or 0: the old key stops at once. */
export class RollApiKeyDto {
  @IsOptional() @ToInteger() @IsInt() @Min(0) @Max(604_800) expires_in_seconds?: number;
}
