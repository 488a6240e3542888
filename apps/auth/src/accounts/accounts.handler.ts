import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, RetrieveAccountPayload, type ReplyOf } from '@payrail/contracts';
import { AccountsService } from './accounts.service.js';

@Controller()
export class AccountsHandler {
  constructor(private readonly service: AccountsService) {}

  @MessagePattern(Patterns.AuthAccountRetrieve)
  retrieve(@Payload() request: RetrieveAccountPayload): Promise<ReplyOf<typeof Patterns.AuthAccountRetrieve>> {
    return this.service.retrieve(request.caller);
  }
}
