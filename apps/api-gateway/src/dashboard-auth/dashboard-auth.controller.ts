import { Body, Controller, Header, HttpCode, Logger, Post, Req } from '@nestjs/common';
import { DASHBOARD_CLIENT_ID, Patterns, type OAuthTokenIssued, type OAuthTokenRefused } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { Access } from '../authentication/access.decorator.js';
import { sourceAddressOf } from '../common/source-address.js';
import { oauthIssuer } from '../oauth/oauth-issuer.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { RefreshTokenDto } from './dto/refresh-token.dto.js';

export interface SessionTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * The dashboard's users log in here, first-party, with a password (there is no OAuth password grant:
 * RFC 9700 §2.4), and keep their session going with its refresh token. The dashboard is a public OAuth
 * client: refresh and logout are the token and revocation endpoints on its behalf. Errors are Payrail's
 * envelope, as on /v1. The routes authenticate by their body, not by an API key.
 */
@Access({ public: true })
@Controller('api/v1/auth')
export class DashboardAuthController {
  private readonly logger = new Logger('DashboardAuthController');

  constructor(private readonly client: MessageClient) {}

  /**
   * Dashboard login: a user's password for a session (first-party; there is no OAuth password grant)
   * @remarks Answers an access token (ES256 JWT, 15 minutes, scoped by the user's role: owner every scope, developer
   * all but `credentials:manage` and `users:manage`, viewer `payments:read accounts:read`) for the user's
   * merchant in test mode, or live mode with `livemode: true`, and a refresh token for /api/v1/auth/refresh.
   * Errors are Payrail's envelope: 401 `login_failed` (unknown user or wrong password, one answer for both);
   * after 3 failures in a row each attempt must wait 1, 2, 4, … s (429 `login_throttled`), after 10 the
   * username is locked for 15 minutes (429 `login_locked`, naming `locked_until`); both with `Retry-After`
   * and `retry_after`.
   */
  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async login(@Req() req: Request, @Body() body: LoginDto): Promise<SessionTokens> {
    const session = await this.client.send(Patterns.AuthUserLogin, {
      username: body.username,
      password: body.password,
      ...(body.livemode !== undefined ? { livemode: body.livemode } : {}),
      issuer: oauthIssuer(req),
      sourceAddress: sourceAddressOf(req),
    });
    return sessionTokens(session);
  }

  /** A new password, proved with the current one; every session of the user ends and a new one is answered. */
  @Post('password')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async changePassword(@Req() req: Request, @Body() body: ChangePasswordDto): Promise<SessionTokens> {
    const session = await this.client.send(Patterns.AuthUserChangePassword, {
      username: body.username,
      password: body.password,
      newPassword: body.new_password,
      ...(body.livemode !== undefined ? { livemode: body.livemode } : {}),
      issuer: oauthIssuer(req),
      sourceAddress: sourceAddressOf(req),
    });
    return sessionTokens(session);
  }

  /** A new access token and a new refresh token; the one presented is spent (rotation). */
  @Post('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async refresh(@Req() req: Request, @Body() body: RefreshTokenDto): Promise<SessionTokens> {
    const result = await this.client.send(Patterns.AuthOAuthToken, {
      clientId: DASHBOARD_CLIENT_ID,
      authMethod: 'none',
      grantType: 'refresh_token',
      refreshToken: body.refresh_token,
      issuer: oauthIssuer(req),
      sourceAddress: sourceAddressOf(req),
    });
    if (!result.ok) throw this.refusalOf(result);
    if (result.refreshToken === undefined) {
      this.logger.error('The auth service refreshed a dashboard session without a new refresh token.');
      throw PayrailError.internal();
    }
    return sessionTokens({ ...result, refreshToken: result.refreshToken });
  }

  /** Ends the session: its refresh tokens and the access tokens issued with them stop working. */
  @Post('logout')
  @HttpCode(204)
  @Header('Cache-Control', 'no-store')
  async logout(@Req() req: Request, @Body() body: RefreshTokenDto): Promise<void> {
    const result = await this.client.send(Patterns.AuthOAuthRevoke, {
      clientId: DASHBOARD_CLIENT_ID,
      authMethod: 'none',
      token: body.refresh_token,
      tokenTypeHint: 'refresh_token',
      issuer: oauthIssuer(req),
      sourceAddress: sourceAddressOf(req),
    });
    if (!result.ok) throw this.refusalOf(result);
  }

  /** The token endpoint's OAuth refusal, as the error a dashboard user sees. */
  private refusalOf(refusal: OAuthTokenRefused): PayrailError {
    if (refusal.retryAfterSeconds !== undefined) {
      return new PayrailError('login_throttled', refusal.errorDescription, { details: { retry_after: refusal.retryAfterSeconds } });
    }
    if (refusal.error === 'invalid_grant' || refusal.error === 'unauthorized_client') {
      return new PayrailError('refresh_token_invalid', refusal.errorDescription, { param: 'refresh_token' });
    }
    // Anything else means the dashboard client itself is misconfigured, not that the user sent something wrong.
    this.logger.error(`The auth service refused the dashboard client: ${refusal.error}`);
    return PayrailError.internal();
  }
}

function sessionTokens(session: OAuthTokenIssued & { refreshToken: string }): SessionTokens {
  return {
    access_token: session.accessToken,
    refresh_token: session.refreshToken,
    token_type: 'Bearer',
    expires_in: session.expiresIn,
    scope: session.scope,
  };
}
