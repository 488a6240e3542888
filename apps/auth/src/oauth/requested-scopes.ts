import { OAuthScopes, OperatorScopes } from '@payrail/contracts';

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces. */
const SCOPE_PARAMETER = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;

export type ScopeDecision = { granted: string[] } | { refused: string };

/** Every scope a token can carry: the merchant's catalogue, then the operator's (only operator clients are allowed those). */
const GRANTABLE: readonly string[] = [...OAuthScopes, ...OperatorScopes];

/**
 * What a client gets for the `scope` it asked for: exactly that when every scope is in the catalogue and
 * allowed to the client, everything it is allowed when it asked for none. Granted scopes come in
 * catalogue order, each once. `holder` names what the allowance belongs to in a refusal.
 */
export function decideScopes(requested: string | undefined, allowed: readonly string[], holder = 'client'): ScopeDecision {
  const allowedKnown = GRANTABLE.filter((scope) => allowed.includes(scope));
  if (requested === undefined || requested === '') {
    return allowedKnown.length > 0 ? { granted: allowedKnown } : { refused: `The ${holder} is not allowed any scope.` };
  }
  if (!SCOPE_PARAMETER.test(requested)) return { refused: 'The scope parameter is malformed: scopes are separated by single spaces.' };
  const asked = new Set(requested.split(' '));
  for (const scope of asked) {
    if (!GRANTABLE.includes(scope)) return { refused: `Unknown scope '${scope}'.` };
    if (!allowedKnown.includes(scope)) return { refused: `The ${holder} is not allowed the scope '${scope}'.` };
  }
  return { granted: GRANTABLE.filter((scope) => asked.has(scope)) };
}
