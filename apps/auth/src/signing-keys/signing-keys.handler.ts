import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, CreateSigningKeyPayload, ScopedIdPayload, ScopedListPayload, SignNotificationPayload, VerifyRequestSignaturePayload, type ReplyOf } from '@payrail/contracts';
import { SigningKeysService } from './signing-keys.service.js';

@Controller()
export class SigningKeysHandler {
  constructor(private readonly service: SigningKeysService) {}

  @MessagePattern(Patterns.AuthSignatureVerify)
  verify(@Payload() request: VerifyRequestSignaturePayload): Promise<ReplyOf<typeof Patterns.AuthSignatureVerify>> {
    return this.service.verify(request);
  }

  @MessagePattern(Patterns.AuthSigningKeyCreate)
  create(@Payload() request: CreateSigningKeyPayload): Promise<ReplyOf<typeof Patterns.AuthSigningKeyCreate>> {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthSigningKeyRetrieve)
  retrieve(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthSigningKeyRetrieve>> {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthSigningKeyList)
  list(@Payload() request: ScopedListPayload): Promise<ReplyOf<typeof Patterns.AuthSigningKeyList>> {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.AuthSigningKeyRevoke)
  revoke(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthSigningKeyRevoke>> {
    return this.service.revoke(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthSigningKeyRoll)
  roll(@Payload() request: ScopedIdPayload): Promise<ReplyOf<typeof Patterns.AuthSigningKeyRoll>> {
    return this.service.roll(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.AuthSigningKeySignNotification)
  signNotification(@Payload() request: SignNotificationPayload): Promise<ReplyOf<typeof Patterns.AuthSigningKeySignNotification>> {
    return this.service.signNotification(request.caller, request.params);
  }
}
