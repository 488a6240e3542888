import { Module, type DynamicModule } from '@nestjs/common';
import { MessageClient } from '@payrail/messaging';
import { AccessTokenStrategy } from './access-token.strategy.js';
import { JwksCache } from './jwks.cache.js';
import { OAuthController } from './oauth.controller.js';
import { RevokedAccessTokens } from './revoked-access-tokens.js';

/** OAuth at the edge: the authorization server's public endpoints, and the access token strategy. */
@Module({})
export class OAuthModule {
  /** `revocationPollMs`: how often the revoked-token list is refreshed (PAYRAIL_REVOCATION_POLL_MS). */
  static forRoot(options: { revocationPollMs: number }): DynamicModule {
    return {
      module: OAuthModule,
      controllers: [OAuthController],
      providers: [
        JwksCache,
        {
          provide: RevokedAccessTokens,
          useFactory: (client: MessageClient) => new RevokedAccessTokens(client, options.revocationPollMs),
          inject: [MessageClient],
        },
        AccessTokenStrategy,
      ],
      exports: [AccessTokenStrategy],
    };
  }
}
