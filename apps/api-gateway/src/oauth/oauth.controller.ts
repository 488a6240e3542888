import { Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { OAuthScopes, Patterns, type JwksResult } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request, Response } from 'express';
import { Public } from '../authentication/public.decorator.js';
import { clientCredentialsOf, type TokenEndpointRefusal } from './client-credentials.js';
import { oauthIssuer } from './oauth-issuer.js';

const TOKEN_PARAMETERS = ['grant_type', 'scope', 'client_id', 'client_secret'];

/**
 * The OAuth2 authorization server as integrators reach it: the token endpoint (client credentials,
 * RFC 6749 §4.4), its metadata (RFC 8414) and the JWKS. Answers are OAuth's own JSON, not Stripe's
 * error envelope.
 */
@Public()
@Controller()
export class OAuthController {
  constructor(private readonly client: MessageClient) {}

  @Post('oauth/token')
  @HttpCode(200)
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null && !Buffer.isBuffer(req.body) ? req.body : {};
    if (!req.is('application/x-www-form-urlencoded')) {
      return refuse(res, { error: 'invalid_request', description: 'The token request must be application/x-www-form-urlencoded.' });
    }
    const repeated = TOKEN_PARAMETERS.find((name) => body[name] !== undefined && typeof body[name] !== 'string');
    if (repeated) return refuse(res, { error: 'invalid_request', description: `The parameter ${repeated} must be given once, as a string.` });
    const credentials = clientCredentialsOf(req.header('authorization'), body);
    if ('error' in credentials) return refuse(res, credentials);

    const result = await this.client.send(Patterns.AuthOAuthToken, {
      ...credentials,
      grantType: (body['grant_type'] as string | undefined) ?? '',
      ...(body['scope'] !== undefined ? { scope: body['scope'] as string } : {}),
      issuer: oauthIssuer(req),
    });
    if (!result.ok) return refuse(res, { error: result.error, description: result.errorDescription });
    res.status(200).json({ access_token: result.accessToken, token_type: 'Bearer', expires_in: result.expiresIn, scope: result.scope });
  }

  @Get('.well-known/oauth-authorization-server')
  metadata(@Req() req: Request) {
    const issuer = oauthIssuer(req);
    return {
      issuer,
      token_endpoint: `${issuer}/oauth/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: [...OAuthScopes],
      response_types_supported: [],
      service_documentation: `${issuer}/docs`,
    };
  }

  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<JwksResult> {
    return this.client.send(Patterns.AuthOAuthJwks, {});
  }
}

/** RFC 6749 §5.2: 400, or 401 with a Basic challenge for a client that failed to authenticate. */
function refuse(res: Response, refusal: TokenEndpointRefusal): void {
  if (refusal.error === 'invalid_client') res.setHeader('WWW-Authenticate', 'Basic realm="payrail"');
  res.status(refusal.error === 'invalid_client' ? 401 : 400).json({ error: refusal.error, error_description: refusal.description });
}
