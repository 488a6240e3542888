import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isOperatorScope, type RouteScope } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type { Request } from 'express';
import passport from 'passport';
import { ACCESS_TOKEN_STRATEGY, AccessTokenStrategy } from '../oauth/access-token.strategy.js';
import { challengeRefusedToken, requireScope, type ChallengeHeaders } from '../oauth/access-token-challenge.js';
import { bearerAccessToken } from '../oauth/bearer-access-token.js';
import { isSignedRequest } from '../request-signing/signed-request-headers.js';
import { SIGNED_REQUEST_STRATEGY, SignedRequestStrategy } from '../request-signing/signed-request.strategy.js';
import { ALLOWS_PUBLISHABLE_KEY, IS_PUBLIC, REQUIRED_SCOPE } from './access.decorator.js';
import { API_KEY_STRATEGY, ApiKeyStrategy } from './api-key.strategy.js';
import type { AuthenticatedCredential } from './authenticated-credential.js';
import type { AuthenticatedRequest } from './current-caller.decorator.js';
import type { KeyTypedRequest } from './current-key-type.decorator.js';

export interface TokenScopedRequest {
  /** Set when the caller used an OAuth access token: what it may do. */
  tokenScopes?: string[];
}

type GuardedRequest = Request & Partial<AuthenticatedRequest> & KeyTypedRequest & TokenScopedRequest;

/**
 * Which Passport strategy judges the request, by its shape, never by trying one after another: signature
 * headers make a signed request, a JWT-shaped bearer value an access token (no API key looks like one),
 * anything else an API key (missing included, which that strategy refuses).
 */
export function strategyFor(req: Request): string {
  if (isSignedRequest((name) => req.header(name))) return SIGNED_REQUEST_STRATEGY;
  if (bearerAccessToken(req)) return ACCESS_TOKEN_STRATEGY;
  return API_KEY_STRATEGY;
}

/**
 * The edge's one authentication guard, deny by default: every route is authenticated through Passport
 * unless its @Access policy says `public`, and the credential must then satisfy the rest of the policy
 * (an access token the route's scope, a publishable key a route that allows one). Sets who calls
 * (`caller`), with which kind of key (`apiKeyType`) and, for an access token, its scopes.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  /**
   * This guard's own Authenticator rather than passport's process-wide one, which @nestjs/passport's
   * strategies also register with: more than one edge may run in a process (the specs, the all-in-one
   * runner), and a global registry by name would hand one edge's requests to another's strategies.
   */
  private readonly passport = new passport.Authenticator();

  constructor(
    private readonly reflector: Reflector,
    signedRequests: SignedRequestStrategy,
    accessTokens: AccessTokenStrategy,
    apiKeys: ApiKeyStrategy,
  ) {
    this.passport.use(SIGNED_REQUEST_STRATEGY, signedRequests).use(ACCESS_TOKEN_STRATEGY, accessTokens).use(API_KEY_STRATEGY, apiKeys);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.policy<boolean>(IS_PUBLIC, context)) return true;
    const req = context.switchToHttp().getRequest<GuardedRequest>();
    const res = context.switchToHttp().getResponse<ChallengeHeaders>();
    const credential = await this.authenticate(req, res);
    const scope = this.policy<RouteScope>(REQUIRED_SCOPE, context);
    if (isOperatorScope(scope) && credential.scheme !== 'access_token') {
      throw new PayrailError('permission_denied', `Only the platform operator may make this request: it needs an OAuth access token with the scope ${scope}, which no API key carries.`);
    }
    switch (credential.scheme) {
      case 'api_key':
        if (credential.keyType !== 'secret' && this.policy<boolean>(ALLOWS_PUBLISHABLE_KEY, context) !== true) {
          throw new PayrailError('permission_denied', 'This API call cannot be made with a publishable API key. Please use a secret API key.');
        }
        req.apiKeyType = credential.keyType;
        break;
      case 'access_token':
        requireScope(scope, credential.scopes, res);
        req.apiKeyType = 'secret';
        req.tokenScopes = credential.scopes;
        break;
      case 'signed_request':
        req.apiKeyType = 'secret';
        break;
    }
    req.caller = credential.caller;
    return true;
  }

  private authenticate(req: GuardedRequest, res: ChallengeHeaders): Promise<AuthenticatedCredential> {
    const strategy = strategyFor(req);
    return new Promise<AuthenticatedCredential>((resolve, reject) => {
      const done = (error: unknown, credential: AuthenticatedCredential | false | undefined) => {
        if (credential) return resolve(credential);
        if (strategy === ACCESS_TOKEN_STRATEGY) challengeRefusedToken(error, res);
        reject(error ?? new PayrailError('authentication_required', 'The request could not be authenticated.'));
      };
      this.passport.authenticate(strategy, { session: false }, done)(req, res, (error?: unknown) => done(error, false));
    });
  }

  private policy<T>(key: string, context: ExecutionContext): T | undefined {
    return this.reflector.getAllAndOverride<T | undefined>(key, [context.getHandler(), context.getClass()]);
  }
}
