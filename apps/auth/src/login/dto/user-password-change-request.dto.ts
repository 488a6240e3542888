import type { UserPasswordChangeParams } from '@payrail/contracts';
import { IsString, MaxLength } from 'class-validator';
import { UserLoginRequestDto } from './user-login-request.dto.js';

export class UserPasswordChangeRequestDto extends UserLoginRequestDto implements UserPasswordChangeParams {
  /** Its rules (length) are the service's, so that a refusal names the parameter as the caller sent it. */
  @IsString() @MaxLength(1024) newPassword: string;
}
