import { OAuthScopes } from '@payrail/contracts';
import { scopesForRole } from './user-role-scopes.js';

describe('scopesForRole', () => {
  it('gives owners the whole catalogue, developers all but managing credentials and users, and viewers only what reads', () => {
    expect(scopesForRole('owner')).toEqual([...OAuthScopes]);
    expect(scopesForRole('owner')).toEqual(expect.arrayContaining(['credentials:manage', 'users:manage']));
    expect(scopesForRole('developer')).toEqual(OAuthScopes.filter((scope) => scope !== 'credentials:manage' && scope !== 'users:manage'));
    expect(scopesForRole('viewer')).toEqual(['payments:read', 'accounts:read']);
  });
});
