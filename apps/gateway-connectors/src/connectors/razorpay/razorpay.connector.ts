import { createHash } from 'node:crypto';
import type { CardDetails, GatewayFee, UpiPaymentDetails } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import type {
  ConnectorAuthenticationRequest,
  ConnectorAuthenticationResult,
  ConnectorAuthorizeRequest,
  ConnectorAuthorizeResult,
  ConnectorCaptureRequest,
  ConnectorRefundRequest,
  ConnectorRefundSyncRequest,
  ConnectorRefundResult,
  ConnectorSettleResult,
  ConnectorSyncRequest,
  ConnectorSyncResult,
  ConnectorVoidRequest,
  PaymentConnector,
} from '../../routing/payment-connector.js';
import { RazorpayRefusal, type RazorpayApi } from './razorpay-api.js';
import { failureMessage, mapFailureReason } from './razorpay-failures.js';
import { parseRazorpayPaymentMethod, type RazorpayMethodType } from './razorpay-payment-method.js';
import { isValidCheckoutSignature } from './razorpay-signatures.js';
import { NOTE_CAPTURE_METHOD, NOTE_IDEMPOTENCY_KEY, NOTE_LATE_PAYMENT, type RazorpayOrder, type RazorpayPayment, type RazorpayRefund } from './razorpay-wire.js';

type CaptureMethod = ConnectorAuthorizeRequest['captureMethod'];

/**
 * What the client needs to open Razorpay Checkout for an authorisation that answered `requires_action`.
 * Proposed for ConnectorAuthorizeResult (as `nextAction`); until then the Razorpay connector adds it.
 */
export interface RazorpayCheckoutAction {
  type: 'razorpay_checkout';
  key_id: string;
  order_id: string;
  /** Razorpay's Hosted Checkout (`<API base>/v1/checkout/embedded`): a form POST of key_id and order_id opens it. */
  checkout_url: string;
  amount: number;
  currency: string;
  method: RazorpayMethodType | null;
}

export type RazorpayAuthorizeResult = ConnectorAuthorizeResult & { nextAction?: RazorpayCheckoutAction };
type RazorpayAnswer = ConnectorAuthenticationResult & { nextAction?: RazorpayCheckoutAction; card?: CardDetails };

/** Razorpay shows no card before the customer paid, and none at all for UPI. */
export const NO_CARD: CardDetails = { brand: 'unknown', last4: '', exp_month: 0, exp_year: 0, funding: 'unknown', country: null, fingerprint: '' };

const RECEIPT_MAX = 40;
const SUCCEEDED: ReadonlySet<RazorpayPayment['status']> = new Set(['authorized', 'captured', 'refunded']);

/**
 * One merchant's Razorpay account. The customer pays at Razorpay Checkout, so authorising creates the
 * order (its receipt derived from the attempt's idempotency key: a retry finds the same order, as does a
 * sync) and answers `requires_action` until a payment on it succeeded. Orders of automatic capture are
 * created with `payment_capture`, so that Razorpay captures as it authorises.
 *
 * Void: Razorpay has no call to release an authorisation; it refunds one nobody captured by itself (after
 * about five days). Voiding therefore means "Payrail will never capture it": it succeeds while the payment
 * is uncaptured and fails once it is captured (refund it instead).
 */
export class RazorpayConnector implements PaymentConnector {
  readonly name = 'razorpay';

  constructor(
    private readonly api: RazorpayApi,
    private readonly keyId: string,
    private readonly keySecret: string,
    /** The Razorpay API base the account talks to; Hosted Checkout lives under it. */
    private readonly apiBase: string,
  ) {}

  async authorize(request: ConnectorAuthorizeRequest): Promise<RazorpayAuthorizeResult> {
    const method = parseRazorpayPaymentMethod(request.paymentMethod);
    if (method.kind === 'start' && method.type === 'upi' && request.currency.toLowerCase() !== 'inr') {
      throw new PayrailError('parameter_invalid', 'UPI payments are in INR only.', { param: 'currency' });
    }
    const order = await this.findOrCreateOrder(request);
    if (method.kind === 'checkout') {
      if (method.result.razorpay_order_id !== order.id || !isValidCheckoutSignature(method.result, this.keySecret)) {
        throw new PayrailError('parameter_invalid', 'The Razorpay Checkout result does not match this payment: its signature or order is wrong.', { param: 'payment_method' });
      }
    }
    const answer = await this.settle([order], request.captureMethod, { type: method.kind === 'start' ? method.type : null, customerReturned: false });
    return { ...answer, card: answer.card ?? NO_CARD };
  }

  /**
   * The customer is back from Checkout: Razorpay's record of the order's payments decides, never the
   * client's word. A Checkout result the customer confirms with must be signed for this very order.
   */
  async completeAuthentication(request: ConnectorAuthenticationRequest): Promise<ConnectorAuthenticationResult & { card?: CardDetails }> {
    const order = await this.orderOf(request.authorization.externalReference, request.idempotencyKey);
    if (request.checkout && !isValidCheckoutSignature({ razorpay_order_id: order.id, ...request.checkout }, this.keySecret)) {
      throw new PayrailError('parameter_invalid', 'The Razorpay Checkout result does not match this payment: its signature or order is wrong.', { param: 'razorpay_signature' });
    }
    const answer = await this.settle([order], captureMethodOf(order), { type: null, customerReturned: true });
    // The card the customer paid with is known only now (Razorpay's payment entity): it goes with the answer.
    return withoutNextAction(answer);
  }

  /**
   * Finds the attempt's orders by receipt. None means the order was never created; one created late is
   * harmless, as nobody was given its id to pay it.
   */
  async sync(request: ConnectorSyncRequest): Promise<ConnectorSyncResult> {
    const orders = (await this.api.ordersByReceipt(receiptFor(request.idempotencyKey))).items.filter((order) => belongsTo(order, request.idempotencyKey));
    if (orders.length === 0) return { status: 'not_found' };
    const captureMethod = captureMethodOf(orders[0]);
    const answer = await this.settle(orders, captureMethod, { type: null, customerReturned: false });
    return { status: 'found', amount: orders[0].amount, currency: orders[0].currency.toLowerCase(), captureMethod, answer };
  }

  /** Razorpay captures only the whole amount authorised; a capture already done is found and answered again. */
  async capture(request: ConnectorCaptureRequest): Promise<ConnectorSettleResult> {
    if (request.amount !== request.authorization.amount) {
      throw new PayrailError('parameter_invalid', 'Razorpay captures only the full amount authorized.', { param: 'amount_to_capture' });
    }
    const payment = await this.paymentOf(request.authorization.externalReference);
    if (!payment) return { status: 'failed', failureReason: 'No payment on this Razorpay order was authorized.', externalReference: request.authorization.externalReference };
    if (payment.status === 'captured' || payment.status === 'refunded') return capturedResult(payment);
    try {
      return capturedResult(await this.api.capture(payment.id, request.amount, payment.currency));
    } catch (error) {
      if (!(error instanceof RazorpayRefusal)) throw error;
      const now = await this.api.payment(payment.id);
      if (now.captured) return capturedResult(now);
      return { status: 'failed', failureReason: error.message, externalReference: payment.id };
    }
  }

  async void(request: ConnectorVoidRequest): Promise<ConnectorSettleResult> {
    const payment = await this.paymentOf(request.authorization.externalReference);
    if (!payment) return { status: 'succeeded', externalReference: request.authorization.externalReference };
    if (payment.captured) {
      return { status: 'failed', failureReason: 'The Razorpay payment is already captured; refund it instead.', externalReference: payment.id };
    }
    return { status: 'succeeded', externalReference: payment.id };
  }

  /** A refund made earlier with this key is found by its receipt and answered again rather than made twice. */
  async refund(request: ConnectorRefundRequest): Promise<ConnectorRefundResult> {
    const payment = await this.paymentOf(request.authorization.externalReference);
    if (!payment) return { status: 'failed', failureReason: 'No payment on this Razorpay order succeeded.', externalReference: null };
    const receipt = receiptFor(request.idempotencyKey);
    const earlier = (await this.api.refundsOfPayment(payment.id)).items.find((refund) => refund.receipt === receipt);
    if (earlier) return refundResult(earlier);
    try {
      return refundResult(await this.api.refund(payment.id, { amount: request.amount, receipt, notes: notesFor(request.idempotencyKey) }));
    } catch (error) {
      if (error instanceof RazorpayRefusal) return { status: 'failed', failureReason: error.message, externalReference: null };
      throw error;
    }
  }

  /** Finds the refund among the payment's by its receipt (Razorpay has no idempotency key), never makes one. */
  async syncRefund(request: ConnectorRefundSyncRequest): Promise<ConnectorRefundResult> {
    const payment = await this.paymentOf(request.authorization.externalReference);
    const receipt = receiptFor(request.idempotencyKey);
    const refund = payment ? (await this.api.refundsOfPayment(payment.id)).items.find((item) => item.receipt === receipt || item.id === request.externalReference) : undefined;
    if (!refund) throw new PayrailError('gateway_unavailable', 'Razorpay does not list this refund (yet); its outcome stays unknown.');
    return refundResult(refund);
  }

  /**
   * Gives back the money of every payment on `orderId` that Payrail will never take (all but `keep`): each
   * captured one is refunded in full, once, under a receipt derived from its payment id, so that asking
   * again finds the refund rather than makes a second. An authorised, uncaptured payment is never
   * captured: Razorpay releases it to the customer by itself.
   */
  async refundLatePayments(orderId: string, keep: string | null): Promise<LatePaymentOutcome[]> {
    const payments = (await this.api.paymentsOfOrder(orderId)).items.filter((payment) => payment.id !== keep && SUCCEEDED.has(payment.status));
    const outcomes: LatePaymentOutcome[] = [];
    for (const payment of payments) outcomes.push(await this.refundLatePayment(payment));
    return outcomes;
  }

  private async refundLatePayment(payment: RazorpayPayment): Promise<LatePaymentOutcome> {
    const basics = { paymentId: payment.id, amount: payment.amount, currency: payment.currency.toLowerCase() };
    if (!payment.captured) return { ...basics, action: 'left_uncaptured', refund: null };
    const receipt = receiptFor(lateRefundKey(payment.id));
    const earlier = (await this.api.refundsOfPayment(payment.id)).items.find((refund) => refund.receipt === receipt);
    if (earlier) return { ...basics, action: 'refunded', refund: refundResult(earlier) };
    const remaining = payment.amount - payment.amount_refunded;
    // Refunded in full already (the merchant, from Razorpay's dashboard): nothing is left to give back.
    if (remaining <= 0) return { ...basics, action: 'already_refunded', refund: null };
    try {
      const refund = await this.api.refund(payment.id, { amount: remaining, receipt, notes: { [NOTE_LATE_PAYMENT]: payment.id } });
      return { ...basics, amount: remaining, action: 'refunded', refund: refundResult(refund) };
    } catch (error) {
      if (!(error instanceof RazorpayRefusal)) throw error;
      // Refused because a concurrent look refunded it first: that refund is the answer.
      const concurrent = (await this.api.refundsOfPayment(payment.id)).items.find((refund) => refund.receipt === receipt);
      if (concurrent) return { ...basics, action: 'refunded', refund: refundResult(concurrent) };
      return { ...basics, amount: remaining, action: 'refunded', refund: { status: 'failed', failureReason: error.message, externalReference: null } };
    }
  }

  /** Lists one order: authenticated, and it moves no money. */
  async probe(): Promise<void> {
    await this.api.latestOrder();
  }

  private async findOrCreateOrder(request: ConnectorAuthorizeRequest): Promise<RazorpayOrder> {
    const receipt = receiptFor(request.idempotencyKey);
    const existing = (await this.api.ordersByReceipt(receipt)).items.find((order) => belongsTo(order, request.idempotencyKey));
    const order =
      existing ??
      (await this.api.createOrder({
        amount: request.amount,
        currency: request.currency.toUpperCase(),
        receipt,
        notes: { ...notesFor(request.idempotencyKey), [NOTE_CAPTURE_METHOD]: request.captureMethod },
        payment_capture: request.captureMethod === 'automatic',
      }));
    if (order.amount !== request.amount || order.currency !== request.currency.toUpperCase()) {
      throw new PayrailError('idempotency_error', 'This payment attempt was started on Razorpay with another amount or currency.');
    }
    return order;
  }

  /**
   * The attempt's outcome from its orders' payments: a successful payment wins (captured first when capture
   * is automatic and Razorpay has not yet done it); otherwise Checkout is still open, unless the customer
   * came back without paying.
   */
  private async settle(orders: RazorpayOrder[], captureMethod: CaptureMethod, context: { type: RazorpayMethodType | null; customerReturned: boolean }): Promise<RazorpayAnswer> {
    const payments = (await Promise.all(orders.map((order) => this.api.paymentsOfOrder(order.id)))).flatMap((list) => list.items);
    let paid = payments.find((payment) => SUCCEEDED.has(payment.status));
    if (paid && paid.status === 'authorized' && captureMethod === 'automatic') paid = await this.api.capture(paid.id, paid.amount, paid.currency);
    if (paid) {
      const fee = gatewayFeeOf(paid);
      return {
        outcome: 'succeeded',
        networkStatus: 'approved_by_network',
        riskLevel: 'normal',
        sellerMessage: 'Payment complete.',
        externalReference: paid.id,
        card: cardOf(paid),
        ...upiOf(paid),
        ...(fee ? { gatewayFee: fee } : {}),
      };
    }
    const failed = payments.filter((payment) => payment.status === 'failed').sort((a, b) => b.created_at - a.created_at)[0];
    if (context.customerReturned) return declined(failed, orders[0]);
    const order = orders[0];
    return {
      outcome: 'requires_action',
      networkStatus: 'not_sent_to_network',
      riskLevel: 'normal',
      sellerMessage: 'The customer is to pay at Razorpay Checkout.',
      externalReference: order.id,
      nextAction: { type: 'razorpay_checkout', key_id: this.keyId, order_id: order.id, checkout_url: hostedCheckoutUrl(this.apiBase), amount: order.amount, currency: order.currency, method: context.type },
    };
  }

  private async orderOf(externalReference: string | null, idempotencyKey: string): Promise<RazorpayOrder> {
    if (externalReference?.startsWith('order_')) return this.api.order(externalReference);
    if (externalReference?.startsWith('pay_')) {
      const payment = await this.api.payment(externalReference);
      if (payment.order_id) return this.api.order(payment.order_id);
    }
    const order = (await this.api.ordersByReceipt(receiptFor(idempotencyKey))).items.find((candidate) => belongsTo(candidate, idempotencyKey));
    if (!order) throw PayrailError.notFound('Razorpay order', externalReference ?? receiptFor(idempotencyKey));
    return order;
  }

  /** The payment an authorisation refers to: its `pay_…` id, or the successful payment on its `order_…`. */
  private async paymentOf(externalReference: string | null): Promise<RazorpayPayment | null> {
    if (externalReference?.startsWith('pay_')) return this.api.payment(externalReference);
    if (!externalReference?.startsWith('order_')) return null;
    return (await this.api.paymentsOfOrder(externalReference)).items.find((payment) => SUCCEEDED.has(payment.status)) ?? null;
  }
}

/**
 * What became of a payment Payrail will not take: `refunded` (see `refund` for the refund's state),
 * `left_uncaptured` (Razorpay releases it), or `already_refunded` before Payrail looked.
 */
export interface LatePaymentOutcome {
  paymentId: string;
  amount: number;
  currency: string;
  action: 'refunded' | 'left_uncaptured' | 'already_refunded';
  refund: ConnectorRefundResult | null;
}

/** The idempotency key of the full refund of a payment that came too late: one per Razorpay payment. */
export function lateRefundKey(paymentId: string): string {
  return `late_refund:${paymentId}`;
}

/** Where Razorpay's Hosted Checkout takes the form POST that opens it. */
export function hostedCheckoutUrl(apiBase: string): string {
  return `${apiBase.replace(/\/+$/, '')}/v1/checkout/embedded`;
}

/** Razorpay receipts hold 40 characters; a longer idempotency key is hashed (the key itself rides in the notes). */
export function receiptFor(idempotencyKey: string): string {
  if (idempotencyKey.length <= RECEIPT_MAX) return idempotencyKey;
  return `pr_${createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, RECEIPT_MAX - 3)}`;
}

function notesFor(idempotencyKey: string): Record<string, string> {
  return { [NOTE_IDEMPOTENCY_KEY]: idempotencyKey.slice(0, 256) };
}

function belongsTo(order: RazorpayOrder, idempotencyKey: string): boolean {
  const noted = Array.isArray(order.notes) ? undefined : order.notes[NOTE_IDEMPOTENCY_KEY];
  return noted === undefined || noted === idempotencyKey.slice(0, 256);
}

function captureMethodOf(order: RazorpayOrder): CaptureMethod {
  return !Array.isArray(order.notes) && order.notes[NOTE_CAPTURE_METHOD] === 'manual' ? 'manual' : 'automatic';
}

function declined(failed: RazorpayPayment | undefined, order: RazorpayOrder): RazorpayAnswer {
  const failure = failed ? mapFailureReason(failed.error_reason) : mapFailureReason('payment_cancelled');
  return {
    outcome: 'declined',
    networkStatus: failed && failed.error_step === 'payment_authorization' ? 'declined_by_network' : 'not_sent_to_network',
    riskLevel: failure.declineCode === 'fraudulent' ? 'elevated' : 'normal',
    sellerMessage: failed ? `Razorpay declined the payment (${failed.error_reason ?? 'no reason given'}).` : 'The customer left Razorpay Checkout without paying.',
    failureCode: failure.failureCode,
    ...(failure.declineCode ? { declineCode: failure.declineCode } : {}),
    failureMessage: failureMessage(failure),
    externalReference: failed?.id ?? order.id,
    ...(failed?.card ? { card: cardOf(failed) } : {}),
    ...(failed ? upiOf(failed) : {}),
  };
}

/** A UPI payment's payer, as Razorpay's payment entity names it (`vpa`; null when the UPI app did not say). */
function upiOf(payment: RazorpayPayment): { upi?: UpiPaymentDetails } {
  return payment.method === 'upi' ? { upi: { vpa: payment.vpa } } : {};
}

function cardOf(payment: RazorpayPayment): CardDetails | undefined {
  if (!payment.card) return undefined;
  const network = payment.card.network.toLowerCase();
  return {
    brand: network === 'american express' ? 'amex' : network === 'diners club' ? 'diners' : network,
    last4: payment.card.last4,
    // Razorpay does not show the expiry, nor anything to fingerprint the card with.
    exp_month: 0,
    exp_year: 0,
    funding: payment.card.type,
    country: payment.card.international ? null : 'IN',
    fingerprint: '',
  };
}

/**
 * Razorpay's fee for a captured payment (`fee`, GST included: https://razorpay.com/docs/api/payments), in the
 * currency it settles in: INR, `base_currency` for a payment in another currency. Null before capture.
 */
export function gatewayFeeOf(payment: RazorpayPayment): GatewayFee | undefined {
  if (!payment.captured || payment.fee === null || !Number.isSafeInteger(payment.fee) || payment.fee < 0) return undefined;
  return { amount: payment.fee, currency: (payment.base_currency ?? payment.currency).toLowerCase() };
}

function capturedResult(payment: RazorpayPayment): ConnectorSettleResult {
  const fee = gatewayFeeOf(payment);
  return { status: 'succeeded', externalReference: payment.id, ...(fee ? { gatewayFee: fee } : {}) };
}

function withoutNextAction(answer: RazorpayAnswer): ConnectorAuthenticationResult & { card?: CardDetails } {
  const { nextAction: _nextAction, ...rest } = answer;
  return rest;
}

function refundResult(refund: RazorpayRefund): ConnectorRefundResult {
  if (refund.status === 'processed') return { status: 'succeeded', externalReference: refund.id };
  if (refund.status === 'pending') return { status: 'pending', externalReference: refund.id };
  return { status: 'failed', failureReason: 'Razorpay could not process the refund.', externalReference: refund.id };
}
