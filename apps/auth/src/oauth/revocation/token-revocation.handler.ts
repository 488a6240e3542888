import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type ReplyOf } from '@payrail/contracts';
import { PresentedTokenRequestDto } from '../dto/presented-token-request.dto.js';
import { RevokedAccessTokensRequestDto } from './dto/revoked-access-tokens-request.dto.js';
import { TokenRevocationService } from './token-revocation.service.js';

@Controller()
export class TokenRevocationHandler {
  constructor(private readonly revocation: TokenRevocationService) {}

  @MessagePattern(Patterns.AuthOAuthRevoke)
  revoke(@Payload() request: PresentedTokenRequestDto): Promise<ReplyOf<typeof Patterns.AuthOAuthRevoke>> {
    return this.revocation.revoke(request);
  }

  /** The deny list the edge polls. */
  @MessagePattern(Patterns.AuthOAuthRevokedAccessTokens)
  revokedAccessTokens(@Payload() request: RevokedAccessTokensRequestDto): Promise<ReplyOf<typeof Patterns.AuthOAuthRevokedAccessTokens>> {
    return this.revocation.list(request.since);
  }
}
