import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CALLBACK_GATEWAYS, type CallbackGateway, type ReceiveGatewayCallbackParams, type ReceiveMpesaDocumentCallbackParams } from '../commands/callbacks.commands.js';
import type { RequestOf } from '../pattern-map.js';
import type { Patterns } from '../patterns.js';

/** Not scoped: the account id in the callback URL names the merchant, and the signature proves the sender. */
export class ReceiveGatewayCallbackPayload implements ReceiveGatewayCallbackParams, RequestOf<typeof Patterns.ConnectorCallbackReceive> {
  @IsIn(CALLBACK_GATEWAYS) gateway!: CallbackGateway;
  @IsString() gatewayAccountId!: string;
  @IsString() rawBody!: string;
  @IsOptional() @IsString() signature?: string;
  @IsOptional() @IsString() eventId?: string;
  @IsOptional() @IsString() @MaxLength(200) attempt?: string;
  @IsOptional() @IsString() @MaxLength(200) reversal?: string;
}

/** Not scoped: the CheckoutRequestID of a pending push ties it to its merchant. */
export class ReceiveMpesaDocumentCallbackPayload implements ReceiveMpesaDocumentCallbackParams, RequestOf<typeof Patterns.ConnectorMpesaDocumentCallback> {
  @IsString() @MaxLength(100_000) rawBody!: string;
}
