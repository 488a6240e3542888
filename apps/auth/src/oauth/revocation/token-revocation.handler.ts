import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, PresentedTokenPayload, RevokedAccessTokensPayload, type ReplyOf } from '@payrail/contracts';
import { TokenRevocationService } from './token-revocation.service.js';

@Controller()
export class TokenRevocationHandler {
  constructor(private readonly revocation: TokenRevocationService) {}

  @MessagePattern(Patterns.AuthOAuthRevoke)
  revoke(@Payload() request: PresentedTokenPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthRevoke>> {
    return this.revocation.revoke(request);
  }

  /** The deny list the edge polls. */
  @MessagePattern(Patterns.AuthOAuthRevokedAccessTokens)
  revokedAccessTokens(@Payload() request: RevokedAccessTokensPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthRevokedAccessTokens>> {
    return this.revocation.list(request.since);
  }
}
