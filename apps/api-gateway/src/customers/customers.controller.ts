import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ExpandOnlyDto } from '../common/expand-only.dto.js';
import { ListCustomerPaymentMethodsDto } from '../payment-methods/dto/list-payment-methods.dto.js';
import { CreateCustomerDto, UpdateCustomerDto } from './dto/customer-fields.dto.js';
import { ListCustomersDto } from './dto/list-customers.dto.js';

@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly client: MessageClient) {}

  @Post()
  @Access({ scope: 'customers:write' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateCustomerDto) {
    return this.client.send(Patterns.CustomerCreate, { caller, params: body });
  }

  @Get()
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListCustomersDto) {
    return this.client.send(Patterns.CustomerList, { caller, params: query });
  }

  @Get(':id')
  @Access({ scope: 'payments:read' })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ExpandOnlyDto) {
    return this.client.send(Patterns.CustomerRetrieve, { caller, params: { id, expand: query.expand } });
  }

  @Post(':id')
  @Access({ scope: 'customers:write' })
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateCustomerDto) {
    return this.client.send(Patterns.CustomerUpdate, { caller, params: { ...body, id } });
  }

  @Delete(':id')
  @Access({ scope: 'customers:write' })
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.CustomerDelete, { caller, params: { id } });
  }

  @Get(':id/payment_methods')
  @Access({ scope: 'payments:read' })
  listPaymentMethods(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListCustomerPaymentMethodsDto) {
    return this.client.send(Patterns.PaymentMethodList, { caller, params: { ...query, customer: id } });
  }

  @Get(':id/payment_methods/:paymentMethod')
  @Access({ scope: 'payments:read' })
  retrievePaymentMethod(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('paymentMethod') paymentMethod: string,
    @Query() query: ExpandOnlyDto,
  ) {
    return this.client.send(Patterns.PaymentMethodRetrieve, { caller, params: { id: paymentMethod, customer: id, expand: query.expand } });
  }
}
