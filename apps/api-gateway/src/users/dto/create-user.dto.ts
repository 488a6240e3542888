import type { CreateUserParams, UserRole } from '@payrail/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_ROLES } from './user-roles.js';

/** Types and bounds only: the auth service judges the username's characters and the password's length. */
export class CreateUserDto implements CreateUserParams {
  @IsString() @MaxLength(254) username!: string;
  @IsIn(USER_ROLES) role!: UserRole;
  /** Absent: one is generated and returned once. */
  @IsOptional() @IsString() @MaxLength(1024) password?: string;
}
