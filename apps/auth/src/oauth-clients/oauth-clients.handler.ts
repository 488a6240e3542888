import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, CreateOAuthClientPayload, ScopedIdPayload, ScopedListPayload, type ReplyOf } from '@payrail/contracts';
import { OAuthClientsService } from './oauth-clients.service.js';

@Controller()
export class OAuthClientsHandler {
  constructor(private readonly service: OAuthClientsService) {}

  @MessagePattern(Patterns.AuthOAuthClientCreate)
  create(@Payload() request: CreateOAuthClientPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthClientCreate>> {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthOAuthClientRetrieve)
  retrieve(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthClientRetrieve>> {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthOAuthClientList)
  list(@Payload() request: ScopedListPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthClientList>> {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthOAuthClientRollSecret)
  rollSecret(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthClientRollSecret>> {
    return this.service.rollSecret(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthOAuthClientRevoke)
  revoke(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthOAuthClientRevoke>> {
    return this.service.revoke(request.caller, request.params.id);
  }
}
