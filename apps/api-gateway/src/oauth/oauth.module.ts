import { Module } from '@nestjs/common';
import { MessageClient } from '@payrail/messaging';
import { AccessTokenVerifier } from './access-token.verifier.js';
import { JwksCache } from './jwks.cache.js';
import { OAuthController } from './oauth.controller.js';
import { RevokedAccessTokens, revocationPollMs } from './revoked-access-tokens.js';

/** OAuth at the edge: the authorization server's public endpoints, and access token verification. */
@Module({
  controllers: [OAuthController],
  providers: [
    JwksCache,
    {
      provide: RevokedAccessTokens,
      useFactory: (client: MessageClient) => new RevokedAccessTokens(client, revocationPollMs(process.env)),
      inject: [MessageClient],
    },
    AccessTokenVerifier,
  ],
  exports: [AccessTokenVerifier],
})
export class OAuthModule {}
