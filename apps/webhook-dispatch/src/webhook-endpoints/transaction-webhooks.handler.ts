import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CheckTransactionWebhookPayload, CreateTransactionWebhookPayload, Patterns } from '@payrail/contracts';
import { TransactionWebhooksService } from './transaction-webhooks.service.js';

@Controller()
export class TransactionWebhooksHandler {
  constructor(private readonly service: TransactionWebhooksService) {}

  @MessagePattern(Patterns.TransactionWebhookCheck)
  check(@Payload() request: CheckTransactionWebhookPayload) {
    return this.service.check(request.caller, request.params);
  }

  @MessagePattern(Patterns.TransactionWebhookCreate)
  create(@Payload() request: CreateTransactionWebhookPayload) {
    return this.service.create(request.caller, request.params);
  }
}
