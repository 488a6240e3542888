import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type ReplyOf } from '@payrail/contracts';
import { VerifyRequestSignatureDto } from './dto/verify-request-signature.dto.js';
import { SigningKeysService } from './signing-keys.service.js';

@Controller()
export class SigningKeysHandler {
  constructor(private readonly service: SigningKeysService) {}

  @MessagePattern(Patterns.AuthSignatureVerify)
  verify(@Payload() request: VerifyRequestSignatureDto): Promise<ReplyOf<typeof Patterns.AuthSignatureVerify>> {
    return this.service.verify(request);
  }
}
