import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateGatewayAccountPayload,
  ListGatewayAccountsPayload,
  ListGatewaysPayload,
  Patterns,
  ScopedIdPayload,
  UpdateGatewayAccountPayload,
} from '@payrail/contracts';
import { GatewayAccountsService } from './gateway-accounts.service.js';

@Controller()
export class GatewayAccountsHandler {
  constructor(private readonly service: GatewayAccountsService) {}

  @MessagePattern(Patterns.GatewayAccountCreate)
  create(@Payload() request: CreateGatewayAccountPayload) {
    return this.service.create(request.caller, request.params);
  }

  @MessagePattern(Patterns.GatewayAccountRetrieve)
  retrieve(@Payload() request: ScopedIdPayload) {
    return this.service.retrieve(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.GatewayAccountUpdate)
  update(@Payload() request: UpdateGatewayAccountPayload) {
    return this.service.update(request.caller, request.params);
  }

  @MessagePattern(Patterns.GatewayAccountList)
  list(@Payload() request: ListGatewayAccountsPayload) {
    return this.service.list(request.caller, request.params);
  }

  @MessagePattern(Patterns.GatewayAccountDelete)
  delete(@Payload() request: ScopedIdPayload) {
    return this.service.delete(request.caller, request.params.id);
  }

  @MessagePattern(Patterns.GatewayList)
  gateways(@Payload() request: ListGatewaysPayload) {
    return this.service.listGateways(request.caller);
  }
}
