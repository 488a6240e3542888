import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { ConfirmPaymentIntentDto } from './dto/confirm-payment-intent.dto.js';
import { CreatePaymentIntentDto } from './dto/create-payment-intent.dto.js';
import { ListPaymentIntentsDto } from './dto/list-payment-intents.dto.js';

@Controller('v1/payment_intents')
export class PaymentIntentsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreatePaymentIntentDto) {
    const { allowed_payment_method_types: allowed, ...params } = body;
    return this.client.send(Patterns.PaymentIntentCreate, { caller, params: { ...params, payment_method_types: params.payment_method_types ?? allowed } });
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListPaymentIntentsDto) {
    return this.client.send(Patterns.PaymentIntentList, { caller, params: query });
  }

  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.PaymentIntentRetrieve, { caller, params: { id } });
  }

  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ConfirmPaymentIntentDto) {
    return this.client.send(Patterns.PaymentIntentConfirm, { caller, params: { id, ...body } });
  }
}
