import type { CreateOAuthClientParams } from '@payrail/contracts';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ToArray, ToBoolean } from '../../common/transforms.js';
import { IsScopeList } from './scope-list.validator.js';

export class CreateOAuthClientDto implements CreateOAuthClientParams {
  @IsString() @MaxLength(100) @Matches(/\S/, { message: 'must not be blank' }) name!: string;
  /** Absent: the catalogue but the administrative scopes. */
  @IsOptional() @ToArray() @IsScopeList() scopes?: string[];
  /** Absent: the caller's mode. */
  @IsOptional() @ToBoolean() @IsBoolean() livemode?: boolean;
}
