import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { CardTokensService } from './card-tokens.service.js';

@Controller()
export class CardTokensHandler {
  constructor(private readonly service: CardTokensService) {}

  @MessagePattern(Patterns.ConnectorCardTokenize)
  tokenize(@Payload() request: RequestOf<typeof Patterns.ConnectorCardTokenize>) {
    return this.service.tokenize(request.caller, request.params);
  }
}
