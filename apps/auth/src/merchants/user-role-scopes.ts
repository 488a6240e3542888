import { OAuthScopes, type OAuthScope } from '@payrail/contracts';
import type { UserRole } from './user.entity.js';

const VIEWER_SCOPES: readonly OAuthScope[] = ['payments:read', 'accounts:read'];

/** What a user's session may do, by the user's role: owners and developers everything, viewers only read. */
export function scopesForRole(role: UserRole): OAuthScope[] {
  return role === 'viewer' ? OAuthScopes.filter((scope) => VIEWER_SCOPES.includes(scope)) : [...OAuthScopes];
}
