import { applyDecorators, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { OAuthScopes, Patterns, type JwksResult } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../authentication/access.decorator.js';
import { sourceAddressOf } from '../common/source-address.js';
import { oauthIssuer } from './oauth-issuer.js';
import { noStore, readOAuthClientRequest, refuse } from './oauth-request.js';
import { OAuthErrorResource, OAuthIntrospectionResource, OAuthServerMetadataResource, OAuthTokenResource } from './oauth.resources.js';

const TOKEN_PARAMETERS = ['grant_type', 'scope', 'refresh_token'];
/** RFC 7009 §2.1 and RFC 7662 §2.1 take the same two. */
const TOKEN_INSPECTION_PARAMETERS = ['token', 'token_type_hint'];
const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];
const FORM = 'application/x-www-form-urlencoded';

/** The client's own credentials in the body (`client_secret_post`), or its id alone for a public client. */
const CLIENT_FIELDS = {
  client_id: { type: 'string', description: 'With `client_secret_post`, or alone for the public client `payrail-dashboard`.' },
  client_secret: { type: 'string', description: 'With `client_secret_post`; never together with HTTP Basic.' },
} as const;

/** OAuth's error answers: 400 for a bad request or grant, 401 `invalid_client` with `WWW-Authenticate: Basic`. */
const OAuthErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ description: '`invalid_request`, `invalid_grant`, `invalid_scope`, `unsupported_grant_type`, `unauthorized_client`.', type: OAuthErrorResource }),
    ApiUnauthorizedResponse({ description: '`invalid_client`: unknown client or wrong secret.', type: OAuthErrorResource }),
  );

const tokenInspectionBody = (action: string) =>
  ApiBody({
    schema: {
      type: 'object',
      required: ['token'],
      properties: {
        token: { type: 'string', description: `The access or refresh token to ${action}.` },
        token_type_hint: { type: 'string', enum: ['access_token', 'refresh_token'] },
        ...CLIENT_FIELDS,
      },
    },
  });

/**
 * The OAuth2 authorization server as integrators reach it: the token endpoint (client credentials,
 * RFC 6749 §4.4; refresh, §6), revocation (RFC 7009), introspection (RFC 7662), its metadata (RFC 8414)
 * and the JWKS. Answers are OAuth's own JSON, not Stripe's error envelope.
 */
@Access({ public: true })
@Controller()
export class OAuthController {
  constructor(private readonly client: MessageClient) {}

  /**
   * OAuth2 token endpoint (RFC 6749 §4.4 client credentials, §6 refresh token)
   * @remarks For integrators holding an OAuth client (`cli_…` and its secret). Authenticate with `client_secret_basic`
   * (HTTP Basic over the form-urlencoded id and secret) or `client_secret_post` (`client_id` and
   * `client_secret` in the body), never both. The answer is `{access_token, token_type: "Bearer", expires_in,
   * scope}`: an ES256 JWT access token (RFC 9068, `typ: at+jwt`) valid 15 minutes, to send as `Authorization:
   * Bearer …` to the /v1 routes. Scopes (space-separated; none asked means all the client is allowed):
   * `payments:read` (read payment intents, charges, payment methods, customers, refunds, disputes, events),
   * `payments:write` (create, update, confirm, capture, cancel payment intents; create, attach, detach
   * payment methods), `refunds:write` (refunds, dispute evidence and closing), `customers:write`,
   * `webhooks:manage` (all webhook endpoint routes), `accounts:read` (/v1/account, /v1/gateways),
   * `transfers:write`, `credentials:manage` (/v1/api_keys, /v1/oauth_clients, /v1/signing_keys,
   * /v1/gateway_accounts) and `users:manage` (/v1/users), which only the merchant owner's dashboard sessions
   * have, and OAuth clients given them. A route the token has no scope for is a 403 `insufficient_scope`; an
   * invalid, expired or forged token a 401 `access_token_invalid`. API keys are not scoped. Errors here are
   * OAuth's own `{error, error_description}` (RFC 6749 §5.2): `invalid_request`, `invalid_client` (401 with
   * `WWW-Authenticate: Basic`), `invalid_scope`, `unsupported_grant_type`. Responses carry `Cache-Control:
   * no-store`. `grant_type=refresh_token` with `refresh_token` renews a dashboard user's session (see
   * /api/v1/auth/login): the public client `payrail-dashboard` authenticates with `client_id` alone (`none`).
   * The answer then also carries a new `refresh_token`; the one presented is spent. Presenting a spent
   * refresh token again revokes the whole session (its refresh tokens and access tokens) and is an
   * `invalid_grant`. A client refused after repeated failed authentication gets `Retry-After`.
   */
  @Post('oauth/token')
  @HttpCode(200)
  @ApiConsumes(FORM)
  @ApiBody({
    schema: {
      oneOf: [
        {
          title: 'client_credentials',
          type: 'object',
          required: ['grant_type'],
          properties: { grant_type: { type: 'string', enum: ['client_credentials'] }, scope: { type: 'string', description: 'Space-separated; none asked means all the client is allowed.' }, ...CLIENT_FIELDS },
        },
        {
          title: 'refresh_token',
          type: 'object',
          required: ['grant_type', 'refresh_token'],
          properties: { grant_type: { type: 'string', enum: ['refresh_token'] }, refresh_token: { type: 'string' }, scope: { type: 'string' }, ...CLIENT_FIELDS },
        },
      ],
    },
  })
  @ApiOkResponse({ type: OAuthTokenResource, headers: { 'Cache-Control': { schema: { type: 'string', enum: ['no-store'] } } } })
  @OAuthErrors()
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    noStore(res);
    const request = readOAuthClientRequest(req, TOKEN_PARAMETERS);
    if ('error' in request) return refuse(res, request);
    const { params, credentials } = request;

    const result = await this.client.send(Patterns.AuthOAuthToken, {
      ...credentials,
      grantType: params['grant_type'] ?? '',
      ...(params['scope'] !== undefined ? { scope: params['scope'] } : {}),
      ...(params['refresh_token'] !== undefined ? { refreshToken: params['refresh_token'] } : {}),
      issuer: oauthIssuer(req),
      sourceAddress: sourceAddressOf(req),
    });
    if (!result.ok) return refuse(res, { error: result.error, description: result.errorDescription, retryAfterSeconds: result.retryAfterSeconds });
    res.status(200).json({
      access_token: result.accessToken,
      token_type: 'Bearer',
      expires_in: result.expiresIn,
      scope: result.scope,
      ...(result.refreshToken !== undefined ? { refresh_token: result.refreshToken } : {}),
    });
  }

  /** RFC 7009 §2.2: 200 with nothing to say, also for a token that is unknown or already revoked. */
  @Post('oauth/revoke')
  @HttpCode(200)
  @ApiConsumes(FORM)
  @tokenInspectionBody('revoke')
  @ApiOkResponse({ description: 'Revoked, or nothing to revoke: no body.' })
  @OAuthErrors()
  async revoke(@Req() req: Request, @Res() res: Response): Promise<void> {
    noStore(res);
    const request = readOAuthClientRequest(req, TOKEN_INSPECTION_PARAMETERS, ['token']);
    if ('error' in request) return refuse(res, request);
    const { params, credentials } = request;

    const result = await this.client.send(Patterns.AuthOAuthRevoke, {
      ...credentials,
      token: params['token']!,
      ...(params['token_type_hint'] !== undefined ? { tokenTypeHint: params['token_type_hint'] } : {}),
      issuer: oauthIssuer(req),
      sourceAddress: sourceAddressOf(req),
    });
    if (!result.ok) return refuse(res, { error: result.error, description: result.errorDescription, retryAfterSeconds: result.retryAfterSeconds });
    res.status(200).end();
  }

  /** RFC 7662 §2.2: `{active: false}` and nothing more for a token that is not (or no longer) good. */
  @Post('oauth/introspect')
  @HttpCode(200)
  @ApiConsumes(FORM)
  @tokenInspectionBody('describe')
  @ApiOkResponse({ type: OAuthIntrospectionResource })
  @OAuthErrors()
  async introspect(@Req() req: Request, @Res() res: Response): Promise<void> {
    noStore(res);
    const request = readOAuthClientRequest(req, TOKEN_INSPECTION_PARAMETERS, ['token']);
    if ('error' in request) return refuse(res, request);
    const { params, credentials } = request;

    const result = await this.client.send(Patterns.AuthOAuthIntrospect, {
      ...credentials,
      token: params['token']!,
      ...(params['token_type_hint'] !== undefined ? { tokenTypeHint: params['token_type_hint'] } : {}),
      issuer: oauthIssuer(req),
      sourceAddress: sourceAddressOf(req),
    });
    if (!result.ok) return refuse(res, { error: result.error, description: result.errorDescription, retryAfterSeconds: result.retryAfterSeconds });
    res.status(200).json(result.introspection);
  }

  /**
   * OAuth2 authorization server metadata (RFC 8414)
   */
  @Get('.well-known/oauth-authorization-server')
  metadata(@Req() req: Request): OAuthServerMetadataResource {
    const issuer = oauthIssuer(req);
    return {
      issuer,
      token_endpoint: `${issuer}/oauth/token`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      grant_types_supported: ['client_credentials', 'refresh_token'],
      // `none`: the dashboard, a public client, refreshes and revokes its users' sessions.
      token_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS, 'none'],
      revocation_endpoint_auth_methods_supported: [...CLIENT_AUTH_METHODS, 'none'],
      // Only confidential clients may ask about tokens.
      introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
      scopes_supported: [...OAuthScopes],
      response_types_supported: [],
      service_documentation: `${issuer}/docs`,
    };
  }

  /**
   * The public keys access tokens are signed with (JWKS, RFC 7517); a retired key stays until its tokens
   * expire
   */
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<JwksResult> {
    return this.client.send(Patterns.AuthOAuthJwks, {});
  }
}
