import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, AuthorizePaymentPayload, CapturePaymentPayload, CompleteAuthenticationPayload, GiveBackLatePaymentsPayload, SyncAuthorizationPayload, VoidPaymentPayload } from '@payrail/contracts';
import { AuthorizationsService } from './authorizations.service.js';
import { LateGatewayPaymentsService } from './late-gateway-payments.service.js';
import { SettlementsService } from './settlements.service.js';

@Controller()
export class AuthorizationsHandler {
  constructor(
    private readonly service: AuthorizationsService,
    private readonly settlements: SettlementsService,
    private readonly latePayments: LateGatewayPaymentsService,
  ) {}

  @MessagePattern(Patterns.ConnectorAuthorize)
  authorize(@Payload() request: AuthorizePaymentPayload) {
    return this.service.authorize(request.caller, request.params);
  }

  @MessagePattern(Patterns.ConnectorCompleteAuthentication)
  completeAuthentication(@Payload() request: CompleteAuthenticationPayload) {
    return this.service.completeAuthentication(request.caller, request.params);
  }

  @MessagePattern(Patterns.ConnectorSyncAuthorization)
  sync(@Payload() request: SyncAuthorizationPayload) {
    return this.service.sync(request.caller, request.params);
  }

  @MessagePattern(Patterns.ConnectorGiveBackLatePayments)
  giveBackLatePayments(@Payload() request: GiveBackLatePaymentsPayload) {
    return this.latePayments.intentCanceled(request.caller, request.params.paymentIntentId);
  }

  @MessagePattern(Patterns.ConnectorCapture)
  capture(@Payload() request: CapturePaymentPayload) {
    return this.settlements.capture(request.caller, request.params);
  }

  @MessagePattern(Patterns.ConnectorVoid)
  void(@Payload() request: VoidPaymentPayload) {
    return this.settlements.void(request.caller, request.params);
  }
}
