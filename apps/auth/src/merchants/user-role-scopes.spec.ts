import { OAuthScopes } from '@payrail/contracts';
import { scopesForRole } from './user-role-scopes.js';

describe('scopesForRole', () => {
  it('gives owners and developers the whole catalogue and viewers only what reads', () => {
    expect(scopesForRole('owner')).toEqual([...OAuthScopes]);
    expect(scopesForRole('developer')).toEqual([...OAuthScopes]);
    expect(scopesForRole('viewer')).toEqual(['payments:read', 'accounts:read']);
  });
});
