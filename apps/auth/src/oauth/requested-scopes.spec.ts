import { OAuthScopes } from '@payrail/contracts';
import { decideScopes } from './requested-scopes.js';

const ALL = [...OAuthScopes];

describe('decideScopes', () => {
  it('grants everything the client may have when no scope is asked for', () => {
    expect(decideScopes(undefined, ALL)).toEqual({ granted: ALL });
    expect(decideScopes('', ['refunds:write', 'payments:read'])).toEqual({ granted: ['payments:read', 'refunds:write'] });
  });

  it('grants exactly what was asked, in catalogue order and once each', () => {
    expect(decideScopes('refunds:write payments:read refunds:write', ALL)).toEqual({ granted: ['payments:read', 'refunds:write'] });
  });

  it('refuses a scope outside the client\'s allowance, naming it', () => {
    expect(decideScopes('payments:read refunds:write', ['payments:read'])).toEqual({ refused: "The client is not allowed the scope 'refunds:write'." });
  });

  it('refuses a scope that is not in the catalogue, including the old catch-all', () => {
    expect(decideScopes('payments:admin', ALL)).toEqual({ refused: "Unknown scope 'payments:admin'." });
    expect(decideScopes('read_write', ['read_write'])).toEqual({ refused: "Unknown scope 'read_write'." });
  });

  it('refuses a malformed scope parameter', () => {
    for (const malformed of ['payments:read  refunds:write', ' payments:read', 'payments:read\trefunds:write', 'payments:"read"']) {
      expect(decideScopes(malformed, ALL)).toHaveProperty('refused');
    }
  });

  it('grants nothing to a client allowed nothing from the catalogue', () => {
    expect(decideScopes(undefined, ['read_write'])).toHaveProperty('refused');
  });

  it("grants the operator's scope only to a client allowed it, after the merchant's scopes", () => {
    expect(decideScopes('pricing:manage', ['pricing:manage'])).toEqual({ granted: ['pricing:manage'] });
    expect(decideScopes(undefined, ['pricing:manage', 'payments:read'])).toEqual({ granted: ['payments:read', 'pricing:manage'] });
    expect(decideScopes('pricing:manage', ALL)).toEqual({ refused: "The client is not allowed the scope 'pricing:manage'." });
    expect(decideScopes(undefined, ALL)).toEqual({ granted: ALL });
  });
});
