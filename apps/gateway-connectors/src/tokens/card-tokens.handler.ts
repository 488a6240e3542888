import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, TokenizeCardPayload } from '@payrail/contracts';
import { CardTokensService } from './card-tokens.service.js';

@Controller()
export class CardTokensHandler {
  constructor(private readonly service: CardTokensService) {}

  @MessagePattern(Patterns.ConnectorCardTokenize)
  tokenize(@Payload() request: TokenizeCardPayload) {
    return this.service.tokenize(request.caller, request.params);
  }
}
