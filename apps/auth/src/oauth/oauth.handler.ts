import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EmptyPayload, OAuthTokenPayload, Patterns, type ReplyOf } from '@payrail/contracts';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';
import { OAuthTokenService } from './oauth-token.service.js';

@Controller()
export class OAuthHandler {
  constructor(private readonly tokens: OAuthTokenService, private readonly signingKeys: JwtSigningKeysService) {}

  @MessagePattern(Patterns.AuthOAuthToken)
  token(@Payload() request: OAuthTokenPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthToken>> {
    return this.tokens.issue(request);
  }

  @MessagePattern(Patterns.AuthOAuthJwks)
  jwks(@Payload() _request: EmptyPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthJwks>> {
    return this.signingKeys.jwks();
  }
}
