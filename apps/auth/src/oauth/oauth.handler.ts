import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type ReplyOf } from '@payrail/contracts';
import { OAuthTokenRequestDto } from './dto/oauth-token-request.dto.js';
import { JwtSigningKeysService } from './jwt-signing-keys.service.js';
import { OAuthTokenService } from './oauth-token.service.js';

@Controller()
export class OAuthHandler {
  constructor(private readonly tokens: OAuthTokenService, private readonly signingKeys: JwtSigningKeysService) {}

  @MessagePattern(Patterns.AuthOAuthToken)
  token(@Payload() request: OAuthTokenRequestDto): Promise<ReplyOf<typeof Patterns.AuthOAuthToken>> {
    return this.tokens.issue(request);
  }

  @MessagePattern(Patterns.AuthOAuthJwks)
  jwks(): Promise<ReplyOf<typeof Patterns.AuthOAuthJwks>> {
    return this.signingKeys.jwks();
  }
}
