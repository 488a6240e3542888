import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, PaymentMethodResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { Access } from '../authentication/access.decorator.js';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { ExpandOnlyDto } from '../common/expand-only.dto.js';
import { AttachPaymentMethodDto } from './dto/attach-payment-method.dto.js';
import { CreatePaymentMethodDto } from './dto/create-payment-method.dto.js';
import { ListPaymentMethodsDto } from './dto/list-payment-methods.dto.js';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

@Controller('v1/payment_methods')
export class PaymentMethodsController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create a card PaymentMethod (test mode: raw test card numbers) or an M-Pesa one. A card number is
   * tokenised by the gateway connector and never stored; invalid cards get a 402 card_error
   * (`incorrect_number`, `invalid_number`, `invalid_expiry_month`, `invalid_expiry_year`, `invalid_cvc`).
   * `type=mpesa` takes `mpesa[phone_number]` (`07…`, `01…`, `+254…` or `254…`), stored and shown as
   * `2547XXXXXXXX`; another number is a 400 naming `mpesa[phone_number]`
   */
  @Post()
  @Access({ scope: 'payments:write', publishableKey: true })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreatePaymentMethodDto) {
    return this.client.send(Patterns.PaymentMethodCreate, { caller, params: body });
  }

  /**
   * List payment methods, newest first
   */
  @ApiListResponse(PaymentMethodResource)
  @Get()
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListPaymentMethodsDto) {
    return this.client.send(Patterns.PaymentMethodList, { caller, params: query });
  }

  /**
   * Retrieve a PaymentMethod; a Stripe test token (`pm_card_visa`) makes a new one
   */
  @Get(':id')
  @Access({ scope: 'payments:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ExpandOnlyDto) {
    return this.client.send(Patterns.PaymentMethodRetrieve, { caller, params: { id, expand: query.expand } });
  }

  /**
   * Attach a PaymentMethod to a customer
   */
  @Post(':id/attach')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  attach(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AttachPaymentMethodDto) {
    return this.client.send(Patterns.PaymentMethodAttach, { caller, params: { id, customer: body.customer, expand: body.expand } });
  }

  /**
   * Detach a PaymentMethod from its customer (and unset it as the default)
   */
  @Post(':id/detach')
  @Access({ scope: 'payments:write' })
  @HttpCode(200)
  detach(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ExpandOnlyDto) {
    return this.client.send(Patterns.PaymentMethodDetach, { caller, params: { id, expand: body.expand } });
  }
}
