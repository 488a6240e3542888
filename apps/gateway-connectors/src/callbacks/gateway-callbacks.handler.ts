import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, ReceiveGatewayCallbackPayload, ReceiveMpesaDocumentCallbackPayload } from '@payrail/contracts';
import { GatewayCallbacksService } from './gateway-callbacks.service.js';
import { MpesaCallbacksService } from './mpesa-callbacks.service.js';

@Controller()
export class GatewayCallbacksHandler {
  constructor(
    private readonly service: GatewayCallbacksService,
    private readonly mpesa: MpesaCallbacksService,
  ) {}

  @MessagePattern(Patterns.ConnectorCallbackReceive)
  receive(@Payload() request: ReceiveGatewayCallbackPayload) {
    // Daraja signs nothing: its callbacks are checked against the account's own records instead.
    return request.gateway === 'mpesa' ? this.mpesa.receive(request) : this.service.receive(request);
  }

  @MessagePattern(Patterns.ConnectorMpesaDocumentCallback)
  receiveMpesaDocumentCallback(@Payload() request: ReceiveMpesaDocumentCallbackPayload) {
    return this.mpesa.receiveUnaddressed(request);
  }
}
