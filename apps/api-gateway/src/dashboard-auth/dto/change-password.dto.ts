import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LoginDto } from './login.dto.js';

export class ChangePasswordDto extends LoginDto {
  /** 12 to 200 characters; the auth service says so when it is not. */
  @IsString() @IsNotEmpty() @MaxLength(1024) new_password!: string;
}
