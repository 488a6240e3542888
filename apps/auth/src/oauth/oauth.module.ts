import { Module, type DynamicModule } from '@nestjs/common';
import { OAuthClientsRepository } from '../oauth-clients/oauth-clients.repository.js';
import { JwtSigningKeysRepository } from './jwt-signing-keys.repository.js';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';
import { OAuthConfig } from './oauth.config.js';
import { OAuthHandler } from './oauth.handler.js';
import { OAuthTokenService } from './oauth-token.service.js';

/** The OAuth2 authorization server: client credentials grant, JWT access tokens, the JWKS. */
@Module({})
export class OAuthModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: OAuthModule,
      controllers: [OAuthHandler],
      providers: [
        { provide: OAuthConfig, useValue: OAuthConfig.fromEnv(env) },
        OAuthClientsRepository,
        JwtSigningKeysRepository,
        JwtSigningKeysService,
        OAuthTokenService,
      ],
    };
  }
}
