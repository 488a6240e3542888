import { MerchantStanding } from '../merchants/merchant-standing.js';
import { Module } from '@nestjs/common';
import { LoginThrottleModule } from '../login-throttle/login-throttle.module.js';
import { UsersRepository } from '../merchants/users.repository.js';
import { OAuthClientsRepository } from '../oauth-clients/oauth-clients.repository.js';
import { AccessTokenReader } from './access-token-reader.js';
import { ClientAuthenticator } from './client-authentication.js';
import { TokenIntrospectionHandler } from './introspection/token-introspection.handler.js';
import { TokenIntrospectionService } from './introspection/token-introspection.service.js';
import { JwtSigningKeysRepository } from './jwt-signing-keys.repository.js';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';
import { OAuthHandler } from './oauth.handler.js';
import { OAuthTokenService } from './oauth-token.service.js';
import { EndedSessionsPurger } from './refresh-tokens/ended-sessions.purger.js';
import { RefreshTokensRepository } from './refresh-tokens/refresh-tokens.repository.js';
import { UserSessionsService } from './refresh-tokens/user-sessions.service.js';
import { ExpiredRevocationsPurger } from './revocation/expired-revocations.purger.js';
import { ExpiredRevokedSubjectsPurger } from './revocation/expired-revoked-subjects.purger.js';
import { RevokedAccessTokensRepository } from './revocation/revoked-access-tokens.repository.js';
import { RevokedSubjectsRepository } from './revocation/revoked-subjects.repository.js';
import { TokenRevocationHandler } from './revocation/token-revocation.handler.js';
import { TokenRevocationService } from './revocation/token-revocation.service.js';

/**
 * The OAuth2 authorization server: the token endpoint (client credentials, refresh), JWT access tokens
 * and the JWKS, users' sessions, revocation with the deny list the edge reads, and introspection.
 */
@Module({
  imports: [LoginThrottleModule],
  controllers: [OAuthHandler, TokenRevocationHandler, TokenIntrospectionHandler],
  providers: [
    MerchantStanding,
    OAuthClientsRepository,
    JwtSigningKeysRepository,
    JwtSigningKeysService,
    UsersRepository,
    RefreshTokensRepository,
    RevokedAccessTokensRepository,
    RevokedSubjectsRepository,
    ClientAuthenticator,
    AccessTokenReader,
    UserSessionsService,
    OAuthTokenService,
    TokenRevocationService,
    TokenIntrospectionService,
    EndedSessionsPurger,
    ExpiredRevocationsPurger,
    ExpiredRevokedSubjectsPurger,
  ],
  exports: [UserSessionsService],
})
export class OAuthModule {}
