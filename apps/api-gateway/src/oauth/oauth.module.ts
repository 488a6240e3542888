import { Module } from '@nestjs/common';
import { AccessTokenVerifier } from './access-token.verifier.js';
import { JwksCache } from './jwks.cache.js';
import { OAuthController } from './oauth.controller.js';

/** OAuth at the edge: the authorization server's public endpoints, and access token verification. */
@Module({
  controllers: [OAuthController],
  providers: [JwksCache, AccessTokenVerifier],
  exports: [AccessTokenVerifier],
})
export class OAuthModule {}
