import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { AuthorizationsService } from './authorizations.service.js';

@Controller()
export class AuthorizationsHandler {
  constructor(private readonly service: AuthorizationsService) {}

  @MessagePattern(Patterns.ConnectorAuthorize)
  authorize(@Payload() request: RequestOf<typeof Patterns.ConnectorAuthorize>) {
    return this.service.authorize(request.caller, request.params);
  }
}
