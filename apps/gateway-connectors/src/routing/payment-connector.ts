import type { AuthorizeOutcome, CardDetails } from '@payrail/contracts';

/**
 * What a connector is asked to authorise. `idempotencyKey` is stable for one payment attempt: a real
 * gateway receives it as its own idempotency key (Stripe's `Idempotency-Key`), so that a retried or
 * concurrent duplicate request reaches a single authorisation upstream.
 */
export interface ConnectorAuthorizeRequest {
  idempotencyKey: string;
  livemode: boolean;
  amount: number;
  currency: string;
  /** A gateway token, or (test mode only) a raw test card number: never log or store it. */
  paymentMethod: string;
  captureMethod: 'automatic' | 'manual';
}

export interface ConnectorAuthorizeResult {
  outcome: AuthorizeOutcome;
  card: CardDetails;
  networkStatus: 'approved_by_network' | 'declined_by_network';
  riskLevel: 'normal' | 'elevated' | 'highest';
  sellerMessage: string;
  failureCode?: string;
  declineCode?: string;
  failureMessage?: string;
  /** The gateway's own id for this payment (Stripe's charge id, M-Pesa's receipt), if it gives one. */
  externalReference: string | null;
}

/** A refund of an authorisation this connector recorded earlier. */
export interface ConnectorRefundRequest {
  idempotencyKey: string;
  livemode: boolean;
  amount: number;
  currency: string;
  /** The original authorisation as the gateway knows it. */
  authorization: { externalReference: string | null; amount: number; currency: string };
}

export interface ConnectorRefundResult {
  status: 'succeeded' | 'failed' | 'pending';
  failureReason?: string;
  externalReference: string | null;
}

/**
 * One payment gateway behind Payrail: the sandbox now; Stripe, Razorpay and M-Pesa later. A connector
 * only talks to its gateway: idempotency, persistence and events are the caller's concern, so a new
 * connector is one class registered in the ConnectorRegistry.
 */
export interface PaymentConnector {
  readonly name: string;
  authorize(request: ConnectorAuthorizeRequest): Promise<ConnectorAuthorizeResult>;
  refund(request: ConnectorRefundRequest): Promise<ConnectorRefundResult>;
}
