import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { OAuthScope } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../authentication/current-caller.decorator.js';
import type { KeyTypedRequest } from '../authentication/current-key-type.decorator.js';
import { REQUIRED_SCOPE } from '../authentication/requires-scope.decorator.js';
import { looksLikeJwt, type AccessTokenVerifier } from './access-token.verifier.js';
import { oauthIssuer } from './oauth-issuer.js';

export interface TokenScopedRequest {
  /** Set when the caller used an OAuth access token: what it may do. */
  tokenScopes?: string[];
}

/** The bearer value when it is shaped like a JWT (an access token); API keys never are. */
export function bearerAccessToken(req: Request): string | undefined {
  const [scheme, value] = (req.header('authorization') ?? '').split(' ', 2);
  return scheme?.toLowerCase() === 'bearer' && value && looksLikeJwt(value.trim()) ? value.trim() : undefined;
}

/**
 * Authenticates a request that carries an access token, and checks that the token has the scope the
 * route declares. A refusal carries RFC 6750's `WWW-Authenticate: Bearer` challenge as well.
 */
export async function authenticateAccessToken(
  context: ExecutionContext,
  token: string,
  verifier: AccessTokenVerifier,
  reflector: Reflector,
): Promise<void> {
  const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest & KeyTypedRequest & TokenScopedRequest>();
  const res = context.switchToHttp().getResponse<Response>();
  let verified;
  try {
    verified = await verifier.verify(token, oauthIssuer(req));
  } catch (error) {
    if (error instanceof PayrailError && error.code === 'access_token_invalid') {
      res.setHeader('WWW-Authenticate', `Bearer realm="payrail", error="invalid_token", error_description="${error.message}"`);
    }
    throw error;
  }
  const required = reflector.getAllAndOverride<OAuthScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
  if (!required || !verified.scopes.includes(required)) {
    res.setHeader('WWW-Authenticate', `Bearer realm="payrail", error="insufficient_scope"${required ? `, scope="${required}"` : ''}`);
    throw new PayrailError(
      'insufficient_scope',
      required
        ? `The access token does not have the scope this request needs: ${required}.`
        : 'This request cannot be made with an OAuth access token. Use a secret API key.',
      { details: required ? { required_scope: required } : undefined },
    );
  }
  req.caller = verified.caller;
  req.apiKeyType = 'secret';
  req.tokenScopes = verified.scopes;
}
