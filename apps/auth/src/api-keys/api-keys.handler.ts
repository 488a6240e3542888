import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type ReplyOf, type RequestOf } from '@payrail/contracts';
import { ApiKeysService } from './api-keys.service.js';
import { VerifyApiKeyDto } from './dto/verify-api-key.dto.js';

@Controller()
export class ApiKeysHandler {
  constructor(private readonly service: ApiKeysService) {}

  @MessagePattern(Patterns.AuthApiKeyVerify)
  verify(@Payload() request: VerifyApiKeyDto): Promise<ReplyOf<typeof Patterns.AuthApiKeyVerify>> {
    return this.service.verify(request.key);
  }

  @MessagePattern(Patterns.AuthApiKeyCreate)
  create(@Payload() request: RequestOf<typeof Patterns.AuthApiKeyCreate>): Promise<ReplyOf<typeof Patterns.AuthApiKeyCreate>> {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthApiKeyRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.AuthApiKeyRetrieve>): Promise<ReplyOf<typeof Patterns.AuthApiKeyRetrieve>> {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthApiKeyList)
  list(@Payload() request: RequestOf<typeof Patterns.AuthApiKeyList>): Promise<ReplyOf<typeof Patterns.AuthApiKeyList>> {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthApiKeyRoll)
  roll(@Payload() request: RequestOf<typeof Patterns.AuthApiKeyRoll>): Promise<ReplyOf<typeof Patterns.AuthApiKeyRoll>> {
    return this.service.roll(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthApiKeyRevoke)
  revoke(@Payload() request: RequestOf<typeof Patterns.AuthApiKeyRevoke>): Promise<ReplyOf<typeof Patterns.AuthApiKeyRevoke>> {
    return this.service.revoke(request.caller, request.params.id);
  }
}
