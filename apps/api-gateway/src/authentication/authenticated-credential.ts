import type { ApiKeyType, Caller } from '@payrail/contracts';

/**
 * What a Passport strategy hands the edge's guard once a request's credential checks out: who calls,
 * and what the route's policy needs to judge it. Which scheme was used decides which parts of the
 * policy apply (scopes bind access tokens only, the publishable-key rule API keys only).
 */
export type AuthenticatedCredential =
  | { scheme: 'api_key'; caller: Caller; keyType: ApiKeyType }
  /** The signing key stands for the merchant's server, with a secret key's access. */
  | { scheme: 'signed_request'; caller: Caller }
  | { scheme: 'access_token'; caller: Caller; scopes: string[]; clientId: string };

export type AuthenticationScheme = AuthenticatedCredential['scheme'];
