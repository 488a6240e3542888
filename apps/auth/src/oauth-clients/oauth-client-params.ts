import { isOAuthScope, OAuthScopes, type Caller, type CreateOAuthClientParams } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { DEFAULT_CLIENT_SCOPES } from './oauth-client-issuer.js';

export const MAX_OAUTH_CLIENT_NAME_LENGTH = 100;
/** Enough of an unknown scope to recognise it in the error, not a way to echo whatever was sent. */
const SHOWN_SCOPE_LENGTH = 64;

export interface NormalizedCreateOAuthClient {
  name: string;
  /** In catalogue order, each once. */
  scopes: string[];
  livemode: boolean;
}

/** The edge validates too; this is what the auth service holds to whoever sends the command. */
export function normalizeCreateOAuthClient(caller: Caller, params: Partial<CreateOAuthClientParams> | undefined): NormalizedCreateOAuthClient {
  const livemode = params?.livemode ?? caller.livemode;
  return { name: clientName(params?.name), scopes: clientScopes(params?.scopes), livemode };
}

function clientName(name: unknown): string {
  if (name === undefined || name === null) throw new PayrailError('parameter_missing', 'Missing required param: name.', { param: 'name' });
  if (typeof name !== 'string') throw new PayrailError('parameter_invalid', 'Invalid string: name.', { param: 'name' });
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_OAUTH_CLIENT_NAME_LENGTH) {
    throw new PayrailError('parameter_invalid', `An OAuth client's name is 1 to ${MAX_OAUTH_CLIENT_NAME_LENGTH} characters.`, { param: 'name' });
  }
  return trimmed;
}

/** Absent: the catalogue but the administrative scopes, as for the merchant's first client. */
function clientScopes(scopes: unknown): string[] {
  if (scopes === undefined) return [...DEFAULT_CLIENT_SCOPES];
  if (!Array.isArray(scopes) || scopes.length === 0) {
    throw new PayrailError('parameter_invalid', `An OAuth client needs at least one scope, from: ${OAuthScopes.join(', ')}.`, { param: 'scopes' });
  }
  const seen = new Set<string>();
  for (const scope of scopes as unknown[]) {
    if (!isOAuthScope(scope)) {
      const shown = typeof scope === 'string' ? `'${scope.slice(0, SHOWN_SCOPE_LENGTH)}'` : String(typeof scope);
      throw new PayrailError('parameter_invalid', `Unknown scope ${shown}. The scopes are: ${OAuthScopes.join(', ')}.`, { param: 'scopes' });
    }
    if (seen.has(scope)) throw new PayrailError('parameter_invalid', `The scope '${scope}' is listed more than once.`, { param: 'scopes' });
    seen.add(scope);
  }
  return OAuthScopes.filter((scope) => seen.has(scope));
}
