import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Patterns, type Caller, CustomerResource, PaymentMethodResource, DeletedCustomerResource } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import { CurrentCaller } from '../authentication/current-caller.decorator.js';
import { Access } from '../authentication/access.decorator.js';
import { ExpandOnlyDto } from '../common/expand-only.dto.js';
import { ListCustomerPaymentMethodsDto } from '../payment-methods/dto/list-payment-methods.dto.js';
import { CreateCustomerDto, UpdateCustomerDto } from './dto/customer-fields.dto.js';
import { ListCustomersDto } from './dto/list-customers.dto.js';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiListResponse } from '../docs/api-list-response.decorator.js';

@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly client: MessageClient) {}

  /**
   * Create a customer
   */
  @Post()
  @Access({ scope: 'customers:write' })
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateCustomerDto) {
    return this.client.send(Patterns.CustomerCreate, { caller, params: body });
  }

  /**
   * List customers, newest first
   */
  @ApiListResponse(CustomerResource)
  @Get()
  @Access({ scope: 'payments:read' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListCustomersDto) {
    return this.client.send(Patterns.CustomerList, { caller, params: query });
  }

  /**
   * Retrieve a customer (a deleted one answers `{id, object, deleted: true}`)
   */
  @Get(':id')
  @Access({ scope: 'payments:read' })
  @ApiExtraModels(DeletedCustomerResource)
  @ApiOkResponse({ description: 'The customer, or Stripe\'s `{id, object, deleted: true}` once deleted.', schema: { anyOf: [{ $ref: getSchemaPath(CustomerResource) }, { $ref: getSchemaPath(DeletedCustomerResource) }] } })
  retrieve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ExpandOnlyDto) {
    return this.client.send(Patterns.CustomerRetrieve, { caller, params: { id, expand: query.expand } });
  }

  /**
   * Update a customer: an empty string unsets a field; metadata keys merge;
   * `invoice_settings[default_payment_method]` must be attached to the customer
   */
  @Post(':id')
  @Access({ scope: 'customers:write' })
  @HttpCode(200)
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateCustomerDto) {
    return this.client.send(Patterns.CustomerUpdate, { caller, params: { ...body, id } });
  }

  /**
   * Delete a customer and detach its payment methods
   */
  @Delete(':id')
  @Access({ scope: 'customers:write' })
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.client.send(Patterns.CustomerDelete, { caller, params: { id } });
  }

  /**
   * List a customer's payment methods
   */
  @ApiListResponse(PaymentMethodResource)
  @Get(':id/payment_methods')
  @Access({ scope: 'payments:read' })
  listPaymentMethods(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListCustomerPaymentMethodsDto) {
    return this.client.send(Patterns.PaymentMethodList, { caller, params: { ...query, customer: id } });
  }

  /**
   * Retrieve one of a customer's payment methods
   */
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
