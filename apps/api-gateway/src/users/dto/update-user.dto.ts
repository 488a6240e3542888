import type { UserRole } from '@payrail/contracts';
import { IsIn } from 'class-validator';
import { USER_ROLES } from './user-roles.js';

export class UpdateUserDto {
  @IsIn(USER_ROLES) role!: UserRole;
}
