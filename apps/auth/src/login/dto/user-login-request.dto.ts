import type { UserLoginParams } from '@payrail/contracts';
import { IsBoolean, IsIP, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

export class UserLoginRequestDto implements UserLoginParams {
  /** Any string up to the length limit: a name that cannot exist still gets the same answer as a wrong password. */
  @IsString() @MaxLength(256) username: string;
  @IsString() @MaxLength(1024) password: string;
  @IsOptional() @IsBoolean() livemode?: boolean;
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }) issuer: string;
  @IsIP() sourceAddress: string;
}
