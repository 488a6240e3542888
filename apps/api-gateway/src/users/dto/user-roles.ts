import type { UserRole } from '@payrail/contracts';

export const USER_ROLES: readonly UserRole[] = ['owner', 'developer', 'viewer'];
