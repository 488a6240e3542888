import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, AttachPaymentMethodPayload, CreatePaymentMethodPayload, DetachPaymentMethodPayload, ListPaymentMethodsPayload, RetrievePaymentMethodPayload } from '@payrail/contracts';
import { ResourceExpander } from '../expansion/resource-expander.js';
import { PaymentMethodsService } from './payment-methods.service.js';

@Controller()
export class PaymentMethodsHandler {
  constructor(
    private readonly service: PaymentMethodsService,
    private readonly expander: ResourceExpander,
  ) {}

  @MessagePattern(Patterns.PaymentMethodCreate)
  create(@Payload() request: CreatePaymentMethodPayload) {
    return this.expander.around(request.caller, 'payment_method', request.params, (params) => this.service.create(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentMethodRetrieve)
  retrieve(@Payload() request: RetrievePaymentMethodPayload) {
    return this.expander.around(request.caller, 'payment_method', request.params, (params) => this.service.retrieve(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentMethodList)
  list(@Payload() request: ListPaymentMethodsPayload) {
    return this.expander.aroundList(request.caller, 'payment_method', request.params, (params) => this.service.list(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentMethodAttach)
  attach(@Payload() request: AttachPaymentMethodPayload) {
    return this.expander.around(request.caller, 'payment_method', request.params, (params) => this.service.attach(request.caller, params));
  }

  @MessagePattern(Patterns.PaymentMethodDetach)
  detach(@Payload() request: DetachPaymentMethodPayload) {
    return this.expander.around(request.caller, 'payment_method', request.params, (params) => this.service.detach(request.caller, params));
  }
}
