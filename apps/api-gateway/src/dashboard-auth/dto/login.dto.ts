import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ToBoolean } from '../../common/transforms.js';

export class LoginDto {
  @IsString() @IsNotEmpty() @MaxLength(254) username!: string;
  /** Bounded so that nobody makes the password hash work on megabytes. */
  @IsString() @IsNotEmpty() @MaxLength(1024) password!: string;
  /** The mode the session acts in; test mode unless asked. */
  @IsOptional() @ToBoolean() @IsBoolean() livemode?: boolean;
}
