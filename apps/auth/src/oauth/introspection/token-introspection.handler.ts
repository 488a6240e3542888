import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, PresentedTokenPayload, type ReplyOf } from '@payrail/contracts';
import { TokenIntrospectionService } from './token-introspection.service.js';

@Controller()
export class TokenIntrospectionHandler {
  constructor(private readonly introspection: TokenIntrospectionService) {}

  @MessagePattern(Patterns.AuthOAuthIntrospect)
  introspect(@Payload() request: PresentedTokenPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthIntrospect>> {
    return this.introspection.introspect(request);
  }
}
