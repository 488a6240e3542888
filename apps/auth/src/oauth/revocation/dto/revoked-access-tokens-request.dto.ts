import type { RevokedAccessTokensParams } from '@payrail/contracts';
import { IsInt, IsOptional, Min } from 'class-validator';

export class RevokedAccessTokensRequestDto implements RevokedAccessTokensParams {
  /** Unix ms. */
  @IsOptional() @IsInt() @Min(0) since?: number;
}
