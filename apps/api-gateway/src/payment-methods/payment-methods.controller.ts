import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, PaymentMethodResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { AllowPublishableKey } from '../authentication/allow-publishable-key.decorator.js';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { RequiresScope } from '../authentication/requires-scope.decorator.js';
import { ExpandOnlyDto } from '../common/expand-only.dto.js';
import { AttachPaymentMethodDto } from './dto/attach-payment-method.dto.js';
import { CreatePaymentMethodDto } from './dto/create-payment-method.dto.js';
import { ListPaymentMethodsDto } from './dto/list-payment-methods.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

@Controller('v1/payment_methods')
export class PaymentMethodsController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @RequiresScope('payments:write')
  @HttpCode(200)
  @AllowPublishableKey()
  create(@CurrentCaller() caller: Caller, @Body() body: CreatePaymentMethodDto) {
    return this.client.send(Patterns.PaymentMethodCreate, { caller, params: body });
  }

  @ApiListResponse(PaymentMethodResource)
  @Get()
  @RequiresScope('payments:read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListPaymentMethodsDto) {
    return this.client.send(Patterns.PaymentMethodList, { caller, params: query });
  }

  @Get(':id')
  @RequiresScope('payments:read')
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ExpandOnlyDto) {
    return this.client.send(Patterns.PaymentMethodRetrieve, { caller, params: { id, expand: query.expand } });
  }

  @Post(':id/attach')
  @RequiresScope('payments:write')
  @HttpCode(200)
  attach(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AttachPaymentMethodDto) {
    return this.client.send(Patterns.PaymentMethodAttach, { caller, params: { id, customer: body.customer, expand: body.expand } });
  }

  @Post(':id/detach')
  @RequiresScope('payments:write')
  @HttpCode(200)
  detach(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ExpandOnlyDto) {
    return this.client.send(Patterns.PaymentMethodDetach, { caller, params: { id, expand: body.expand } });
  }
}
