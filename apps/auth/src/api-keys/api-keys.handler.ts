import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, CreateApiKeyPayload, RollApiKeyPayload, ScopedIdPayload, ScopedListPayload, VerifyApiKeyPayload, type ReplyOf } from '@payrail/contracts';
import { ApiKeysService } from './api-keys.service.js';

@Controller()
export class ApiKeysHandler {
  constructor(private readonly service: ApiKeysService) {}

  @MessagePattern(Patterns.AuthApiKeyVerify)
  verify(@Payload() request: VerifyApiKeyPayload): Promise<ReplyOf<typeof Patterns.AuthApiKeyVerify>> {
    return this.service.verify(request.key);
  }

  @MessagePattern(Patterns.AuthApiKeyCreate)
  create(@Payload() request: CreateApiKeyPayload): Promise<ReplyOf<typeof Patterns.AuthApiKeyCreate>> {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthApiKeyRetrieve)
  retrieve(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthApiKeyRetrieve>> {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthApiKeyList)
  list(@Payload() request: ScopedListPayload): Promise<ReplyOf<typeof Patterns.AuthApiKeyList>> {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthApiKeyRoll)
  roll(@Payload() request: RollApiKeyPayload): Promise<ReplyOf<typeof Patterns.AuthApiKeyRoll>> {
    return this.service.roll(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthApiKeyRevoke)
  revoke(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthApiKeyRevoke>> {
    return this.service.revoke(request.caller, request.params.id);
  }
}
