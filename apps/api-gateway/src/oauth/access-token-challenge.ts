import type { RouteScope } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';

/** Where a refusal's headers go: the HTTP response, or the refusal of a WebSocket upgrade. */
export interface ChallengeHeaders {
  setHeader(name: string, value: string): unknown;
}

/** A refused access token carries RFC 6750's `WWW-Authenticate: Bearer` challenge as well. */
export function challengeRefusedToken(error: unknown, res: ChallengeHeaders): void {
  if (error instanceof PayrailError && error.code === 'access_token_invalid') {
    res.setHeader('WWW-Authenticate', `Bearer realm="payrail", error="invalid_token", error_description="${error.message}"`);
  }
}

/** An access token must carry the scope the route declares; a route that declares none takes no token. */
export function requireScope(required: RouteScope | undefined, granted: readonly string[], res: ChallengeHeaders): void {
  if (required && granted.includes(required)) return;
  res.setHeader('WWW-Authenticate', `Bearer realm="payrail", error="insufficient_scope"${required ? `, scope="${required}"` : ''}`);
  throw new PayrailError(
    'insufficient_scope',
    required
      ? `The access token does not have the scope this request needs: ${required}.`
      : 'This request cannot be made with an OAuth access token. Use a secret API key.',
    { details: required ? { required_scope: required } : undefined },
  );
}
