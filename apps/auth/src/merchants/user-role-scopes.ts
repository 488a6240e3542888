import { AdministrativeScopes, OAuthScopes, type OAuthScope, type UserRole } from '@payrail/contracts';

const ROLE_SCOPES: Record<UserRole, readonly OAuthScope[]> = {
  owner: OAuthScopes,
  developer: OAuthScopes.filter((scope) => !AdministrativeScopes.includes(scope)),
  viewer: ['payments:read', 'accounts:read'],
};

/**
 * What a user's session may do, by the user's role: owners everything, developers all but managing
 * credentials and users, viewers only read.
 */
export function scopesForRole(role: UserRole): OAuthScope[] {
  return OAuthScopes.filter((scope) => ROLE_SCOPES[role].includes(scope));
}
