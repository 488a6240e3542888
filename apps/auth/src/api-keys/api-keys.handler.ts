import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type ReplyOf } from '@payrail/contracts';
import { ApiKeysService } from './api-keys.service.js';
import { VerifyApiKeyDto } from './dto/verify-api-key.dto.js';

@Controller()
export class ApiKeysHandler {
  constructor(private readonly service: ApiKeysService) {}

  @MessagePattern(Patterns.AuthApiKeyVerify)
  verify(@Payload() request: VerifyApiKeyDto): Promise<ReplyOf<typeof Patterns.AuthApiKeyVerify>> {
    return this.service.verify(request.key);
  }
}
