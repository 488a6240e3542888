import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, CreateCustomerPayload, ListCustomersPayload, RetrieveCustomerPayload, ScopedIdPayload, UpdateCustomerPayload } from '@payrail/contracts';
import { ResourceExpander } from '../expansion/resource-expander.js';
import { CustomersService } from './customers.service.js';

@Controller()
export class CustomersHandler {
  constructor(
    private readonly service: CustomersService,
    private readonly expander: ResourceExpander,
  ) {}

  @MessagePattern(Patterns.CustomerCreate)
  create(@Payload() request: CreateCustomerPayload) {
    return this.expander.around(request.caller, 'customer', request.params, (params) => this.service.create(request.caller, params));
  }

  @MessagePattern(Patterns.CustomerRetrieve)
  retrieve(@Payload() request: RetrieveCustomerPayload) {
    return this.expander.around(request.caller, 'customer', request.params, (params) => this.service.retrieve(request.caller, params.id));
  }

  @MessagePattern(Patterns.CustomerUpdate)
  update(@Payload() request: UpdateCustomerPayload) {
    return this.expander.around(request.caller, 'customer', request.params, (params) => this.service.update(request.caller, params));
  }

  @MessagePattern(Patterns.CustomerDelete)
  delete(@Payload() request: ScopedIdPayload) {
    return this.service.delete(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.CustomerList)
  list(@Payload() request: ListCustomersPayload) {
    return this.expander.aroundList(request.caller, 'customer', request.params, (params) => this.service.list(request.caller, params));
  }
}
