import type { UserRole } from '@payrail/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUTH_SCHEMA } from '../auth.schema.js';

export type { UserRole };

/** The roles a user can have; the table's `users_role_known` check holds the same list. */
export const USER_ROLES: readonly UserRole[] = ['owner', 'developer', 'viewer'];

@Entity({ name: 'users', schema: AUTH_SCHEMA })
export class UserEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'merchant_id', type: 'text' }) merchantId: string;
  /** Stored lower-case; unique across merchants. */
  @Column('text') username: string;
  /** scrypt, from `hashPassword`. */
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column('text') role: UserRole;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
