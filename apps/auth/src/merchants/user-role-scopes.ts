import { OAuthScopes, type OAuthScope } from '@payrail/contracts';
import type { UserRole } from './user.entity.js';

const ROLE_SCOPES: Record<UserRole, readonly OAuthScope[]> = {
  owner: OAuthScopes,
  developer: OAuthScopes.filter((scope) => scope !== 'api_keys:manage'),
  viewer: ['payments:read', 'accounts:read'],
};

/** What a user's session may do, by the user's role: owners everything, developers all but API keys, viewers only read. */
export function scopesForRole(role: UserRole): OAuthScope[] {
  return OAuthScopes.filter((scope) => ROLE_SCOPES[role].includes(scope));
}
