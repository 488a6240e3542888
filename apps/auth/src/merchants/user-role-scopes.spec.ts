import { OAuthScopes } from '@payrail/contracts';
import { scopesForRole } from './user-role-scopes.js';

describe('scopesForRole', () => {
  it('gives owners the whole catalogue, developers all but API key management, and viewers only what reads', () => {
    expect(scopesForRole('owner')).toEqual([...OAuthScopes]);
    expect(scopesForRole('owner')).toContain('api_keys:manage');
    expect(scopesForRole('developer')).toEqual(OAuthScopes.filter((scope) => scope !== 'api_keys:manage'));
    expect(scopesForRole('viewer')).toEqual(['payments:read', 'accounts:read']);
  });
});
