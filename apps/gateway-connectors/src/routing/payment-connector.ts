import type { AuthorizeOutcome, CardDetails, DeclineCode, Gateway, GatewayCapabilities, GatewayFailureCode, GatewayFee, RazorpayCheckoutResult, UpiPaymentDetails } from '@payrail/contracts';

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
  /** Payrail's intent id, for the gateway's own records (Stripe's metadata). */
  paymentIntentId?: string;
  /** Where a gateway that hosts 3-D Secure sends the customer back afterwards (the merchant's `return_url`). */
  returnUrl?: string;
}

export interface ConnectorAuthorizeResult {
  /** `requires_action`: the issuer wants 3D Secure first; `completeAuthentication` finishes the authorisation. */
  outcome: AuthorizeOutcome;
  card: CardDetails;
  /** The customer paid (or tried to) by UPI: the payer's VPA as the gateway showed it. `card` is then the empty card. */
  upi?: UpiPaymentDetails;
  networkStatus: 'approved_by_network' | 'declined_by_network' | 'not_sent_to_network';
  riskLevel: 'normal' | 'elevated' | 'highest';
  sellerMessage: string;
  failureCode?: GatewayFailureCode;
  declineCode?: DeclineCode;
  failureMessage?: string;
  /** The gateway's own id for this payment (Stripe's charge id, M-Pesa's receipt), if it gives one. */
  externalReference: string | null;
  /** With `requires_action`, when the gateway hosts 3-D Secure itself: where to send the customer. */
  redirectUrl?: string | null;
  /**
   * What the customer does at the gateway meanwhile: with `requires_action` from Razorpay, pay the order in
   * Razorpay Checkout; with `pending` from M-Pesa, answer the STK prompt on their phone.
   */
  nextAction?: ConnectorCustomerStep;
  /**
   * What the gateway charged for the payment, when this answer says it (only once money moved: a capture,
   * or an authorisation captured at once). Absent means not told, never zero.
   */
  gatewayFee?: GatewayFee;
  /** Set instead of `gatewayFee` when the gateway will account the fee later (see GatewayFeeAwaited). */
  gatewayFeeAwaited?: GatewayFeeAwaited;
}

/**
 * The gateway charged a fee for money that moved but has not accounted it yet (Stripe's charge has no
 * balance transaction until the funds are accounted for): the connector's `lookUpFee` asks about
 * `reference` (Stripe's charge id) later. Only connectors with `lookUpFee` ever say this.
 */
export interface GatewayFeeAwaited {
  reference: string;
}

/** What `lookUpFee` asks: the gateway's reference of the charge whose fee was awaited. */
export interface ConnectorFeeLookUpRequest {
  livemode: boolean;
  reference: string;
}

export type ConnectorCustomerStep =
  | { type: 'razorpay_checkout'; key_id: string; order_id: string; checkout_url: string; amount: number; currency: string }
  | { type: 'mpesa_stk_push'; mpesa_stk_push: { checkout_request_id: string | null; expires_at: number } };

/** The customer's 3D Secure result for an authorisation that answered `requires_action`. */
export interface ConnectorAuthenticationRequest {
  idempotencyKey: string;
  livemode: boolean;
  amount: number;
  currency: string;
  authenticated: boolean;
  authorization: { externalReference: string | null };
  /** What Razorpay Checkout gave the customer's browser, when the customer confirms with it. */
  checkout?: RazorpayCheckoutResult;
}

/** How the authorisation ended once authentication was done; the card is the one already known. */
export type ConnectorAuthenticationResult = Omit<ConnectorAuthorizeResult, 'card'>;

/** Asks the gateway what became of the attempt it was sent with `idempotencyKey` (hyperswitch's PSync). */
export interface ConnectorSyncRequest {
  idempotencyKey: string;
  livemode: boolean;
  /**
   * The attempt as recorded, when the gateway answered `pending`: a gateway that cannot look payments up
   * by idempotency key (M-Pesa) asks about its own reference instead.
   */
  pending?: { externalReference: string | null; amount: number; currency: string; attemptedAt: Date };
}

/**
 * `not_found` is final: the gateway never processed the attempt and will refuse it if it arrives late.
 * A gateway that cannot promise that answers by throwing (the outcome stays unknown).
 */
export type ConnectorSyncResult =
  | {
      status: 'found';
      amount: number;
      currency: string;
      captureMethod: 'automatic' | 'manual';
      /** The card is known for an authorisation, not for the completion of its 3D Secure. */
      answer: ConnectorAuthenticationResult & { card?: CardDetails };
    }
  | { status: 'not_found' };

/** Capture of all or part of a manual-capture authorisation; the gateway releases the rest. */
export interface ConnectorCaptureRequest {
  idempotencyKey: string;
  livemode: boolean;
  amount: number;
  currency: string;
  authorization: { externalReference: string | null; amount: number; currency: string };
}

/** Release of an uncaptured authorisation. */
export interface ConnectorVoidRequest {
  idempotencyKey: string;
  livemode: boolean;
  authorization: { externalReference: string | null; amount: number; currency: string };
}

export interface ConnectorSettleResult {
  status: 'succeeded' | 'failed';
  failureReason?: string;
  externalReference: string | null;
  /** A capture's fee at the gateway, when its answer says it; absent for a void. */
  gatewayFee?: GatewayFee;
  /** A capture whose fee the gateway has not accounted yet. */
  gatewayFeeAwaited?: GatewayFeeAwaited;
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
  /** How the gateway paid the refund out when it converted it into its settlement currency (Stripe's refund balance transaction). */
  gatewayFee?: GatewayFee;
}

/** Asks the gateway what became of a refund it answered `pending` to; `externalReference` is its refund id. */
export interface ConnectorRefundSyncRequest extends ConnectorRefundRequest {
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
  completeAuthentication(request: ConnectorAuthenticationRequest): Promise<ConnectorAuthenticationResult>;
  sync(request: ConnectorSyncRequest): Promise<ConnectorSyncResult>;
  capture(request: ConnectorCaptureRequest): Promise<ConnectorSettleResult>;
  void(request: ConnectorVoidRequest): Promise<ConnectorSettleResult>;
  refund(request: ConnectorRefundRequest): Promise<ConnectorRefundResult>;
  /** The refund's state now (still `pending`, or final); it never makes a refund the gateway does not have. */
  syncRefund(request: ConnectorRefundSyncRequest): Promise<ConnectorRefundResult>;
  /**
   * A light health check: one cheap authenticated read that moves no money. Resolves when the gateway
   * answered and took the credentials; otherwise throws like every other call (a refused key is
   * `gateway_credentials_refused`). Absent where there is nothing to check (the sandbox).
   */
  probe?(): Promise<void>;
  /**
   * The fee of a charge answered with `gatewayFeeAwaited`, once the gateway has accounted it; undefined
   * while it has not. Throws like every other call. Absent for gateways that report fees with the answer
   * or not at all (the sandbox, M-Pesa, Razorpay): their transactions are never asked about again.
   */
  lookUpFee?(request: ConnectorFeeLookUpRequest): Promise<GatewayFee | undefined>;
}

/** A merchant's account at a gateway, as its connector needs it: the credentials are unsealed only for the call. */
export interface GatewayAccountContext {
  /** `ga_…`, or `sandbox` for the built-in simulator. */
  id: string;
  livemode: boolean;
  /** As validated by the factory: e.g. Stripe `secret_key`; Razorpay `key_id`, `key_secret`. */
  credentials: Readonly<Record<string, string>>;
}

/**
 * One gateway Payrail can talk to. It declares what the gateway can do, checks a merchant's credentials
 * for it, and makes the connector for one gateway account. Factories are provided under
 * CONNECTOR_FACTORIES (a multi-provider token), so adding a gateway touches no other connector.
 */
export interface ConnectorFactory {
  readonly gateway: Gateway;
  readonly capabilities: GatewayCapabilities;
  /** The credential fields it needs, for the API's validation errors (`credentials[secret_key]`). */
  readonly credentialFields: readonly string[];
  /** Fields it also takes but does not need (M-Pesa's reversal initiator); absent means none. */
  readonly optionalCredentialFields?: readonly string[];
  /**
   * Payment method types the customer pays on the gateway's own checkout page (Razorpay Checkout), so that
   * a hosted page sends them there rather than take the card itself; absent means none.
   */
  readonly paidAtGateway?: readonly string[];
  /** Refuses credentials of the wrong shape with a 4xx naming the field; never echoes a secret. */
  validateCredentials(credentials: Readonly<Record<string, string>>, livemode: boolean): void;
  create(account: GatewayAccountContext): PaymentConnector;
}

export const CONNECTOR_FACTORIES = Symbol('CONNECTOR_FACTORIES');
