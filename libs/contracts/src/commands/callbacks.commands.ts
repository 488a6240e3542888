/** Gateways that call Payrail back through the edge. */
export const CALLBACK_GATEWAYS = ['stripe', 'razorpay', 'mpesa'] as const;
export type CallbackGateway = (typeof CALLBACK_GATEWAYS)[number];

/**
 * A gateway's callback as the edge received it: the body's raw bytes (base64, since a signature is over
 * the bytes and re-serialised JSON would not verify) and the headers that sign and identify it.
 */
export interface ReceiveGatewayCallbackParams {
  gateway: CallbackGateway;
  gatewayAccountId: string;
  rawBody: string;
  /** `Stripe-Signature` or `X-Razorpay-Signature`; for M-Pesa, which signs nothing, the secret token of the account's callback URL. */
  signature?: string;
  /** Razorpay's `x-razorpay-event-id`; Stripe's event id is in the body. */
  eventId?: string;
  /** M-Pesa: the attempt (authorisation key) that the push's CallBackURL names, for a push whose answer was lost. */
  attempt?: string;
  /** M-Pesa: the reversal (its ConversationID) that a Transaction Status query's ResultURL names. */
  reversal?: string;
}

/** Daraja's STK callback posted to the M-Pesa document's `mpesa-callback/`: its raw body, base64. */
export interface ReceiveMpesaDocumentCallbackParams {
  rawBody: string;
}

export interface ReceiveGatewayCallbackResult {
  received: true;
  /** This event was received before; nothing changed this time. */
  duplicate: boolean;
}
