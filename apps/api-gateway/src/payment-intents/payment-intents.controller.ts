import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { Patterns, type Caller, type PaymentIntentResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Request } from 'express';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { CancelPaymentIntentDto } from './dto/cancel-payment-intent.dto.js';
import { CapturePaymentIntentDto } from './dto/capture-payment-intent.dto.js';
import { ConfirmPaymentIntentDto } from './dto/confirm-payment-intent.dto.js';
import { CreatePaymentIntentDto } from './dto/create-payment-intent.dto.js';
import { ListPaymentIntentsDto } from './dto/list-payment-intents.dto.js';
import { UpdatePaymentIntentDto } from './dto/update-payment-intent.dto.js';
import { paymentIntentListResponse, paymentIntentResponse } from './payment-intent.response.js';

@Controller('v1/payment_intents')
export class PaymentIntentsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @HttpCode(200)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreatePaymentIntentDto, @Req() req: Request) {
    const { allowed_payment_method_types: allowed, ...params } = body;
    return this.shaped(this.client.send(Patterns.PaymentIntentCreate, { caller, params: { ...params, payment_method_types: params.payment_method_types ?? allowed } }), req);
  }

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: ListPaymentIntentsDto, @Req() req: Request) {
    return paymentIntentListResponse(await this.client.send(Patterns.PaymentIntentList, { caller, params: query }), req);
  }

  @Get(':id')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request) {
    return this.shaped(this.client.send(Patterns.PaymentIntentRetrieve, { caller, params: { id } }), req);
  }

  @Post(':id')
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdatePaymentIntentDto, @Req() req: Request) {
    return this.shaped(this.client.send(Patterns.PaymentIntentUpdate, { caller, params: { ...body, id } }), req);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ConfirmPaymentIntentDto, @Req() req: Request) {
    return this.shaped(this.client.send(Patterns.PaymentIntentConfirm, { caller, params: { ...body, id } }), req);
  }

  @Post(':id/capture')
  @HttpCode(200)
  capture(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CapturePaymentIntentDto, @Req() req: Request) {
    return this.shaped(this.client.send(Patterns.PaymentIntentCapture, { caller, params: { ...body, id } }), req);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CancelPaymentIntentDto, @Req() req: Request) {
    return this.shaped(this.client.send(Patterns.PaymentIntentCancel, { caller, params: { ...body, id } }), req);
  }

  private async shaped(reply: Promise<PaymentIntentResource>, req: Request): Promise<PaymentIntentResource> {
    return paymentIntentResponse(await reply, req);
  }
}
