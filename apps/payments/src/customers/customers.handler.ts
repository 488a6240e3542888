import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, type RequestOf } from '@payrail/contracts';
import { CustomersService } from './customers.service.js';

@Controller()
export class CustomersHandler {
  constructor(private readonly service: CustomersService) {}

  @MessagePattern(Patterns.CustomerCreate)
  create(@Payload() request: RequestOf<typeof Patterns.CustomerCreate>) {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.CustomerRetrieve)
  retrieve(@Payload() request: RequestOf<typeof Patterns.CustomerRetrieve>) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.CustomerUpdate)
  update(@Payload() request: RequestOf<typeof Patterns.CustomerUpdate>) {
    return this.service.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.CustomerDelete)
  delete(@Payload() request: RequestOf<typeof Patterns.CustomerDelete>) {
    return this.service.delete(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.CustomerList)
  list(@Payload() request: RequestOf<typeof Patterns.CustomerList>) {
    return this.service.list(request.caller, request.params);
  }
}
