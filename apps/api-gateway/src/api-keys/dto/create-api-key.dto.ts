import type { ApiKeyType, CreateApiKeyParams } from '@payrail/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ToBoolean } from '../../common/transforms.js';

export class CreateApiKeyDto implements CreateApiKeyParams {
  @IsIn(['secret', 'publishable']) type!: ApiKeyType;
  /** Defaults to test mode. */
  @IsOptional() @ToBoolean() @IsBoolean() livemode: boolean = false;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
}
