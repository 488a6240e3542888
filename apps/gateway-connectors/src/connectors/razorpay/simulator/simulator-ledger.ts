import { randomBytes } from 'node:crypto';
import type { RazorpayCollection, RazorpayNotes, RazorpayOrder, RazorpayPayment, RazorpayRefund } from '../razorpay-wire.js';
import { checkoutSignature, type RazorpayCheckoutResult } from '../razorpay-signatures.js';
import { badRequest, SimulatorError, unknownId } from './simulator-errors.js';
import { describeTestCard, FAILURE_OUTCOMES, outcomeOfVpa, type TestOutcome } from './test-outcomes.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MIN_AMOUNT = 100;
const SUPPORTED_CURRENCIES = new Set(['INR', 'USD', 'EUR', 'GBP', 'SGD', 'AED', 'AUD', 'CAD', 'MYR']);

export interface CreateOrderInput {
  amount?: unknown;
  currency?: unknown;
  receipt?: unknown;
  notes?: unknown;
  payment_capture?: unknown;
  partial_payment?: unknown;
}

export interface CheckoutInput {
  order_id?: unknown;
  method?: unknown;
  outcome?: unknown;
  card?: { number?: unknown };
  vpa?: unknown;
  amount?: unknown;
}

interface OrderRecord {
  order: RazorpayOrder;
  autoCapture: boolean;
  partialPayment: boolean;
}

/** One Razorpay account's objects, as Razorpay keeps them; all in memory (it is a simulator). */
export class SimulatorLedger {
  private readonly orders = new Map<string, OrderRecord>();
  private readonly payments = new Map<string, RazorpayPayment>();
  private readonly refunds = new Map<string, RazorpayRefund>();

  constructor(readonly keySecret: string) {}

  /** Receipts are unique per account: the same receipt again returns its order, so a retried create finds it. */
  createOrder(input: CreateOrderInput): RazorpayOrder {
    const amount = positiveInteger(input.amount, 'amount');
    const currency = typeof input.currency === 'string' ? input.currency : 'INR';
    if (!SUPPORTED_CURRENCIES.has(currency)) throw badRequest('The currency should be one of the supported currencies.', 'currency');
    if (amount < MIN_AMOUNT) throw badRequest(`The amount must be atleast ${currency} 1.00`, 'amount');
    const receipt = optionalString(input.receipt, 'receipt', 40);
    const notes = notesOf(input.notes);
    if (receipt !== null) {
      const existing = [...this.orders.values()].find((record) => record.order.receipt === receipt);
      if (existing) {
        if (existing.order.amount !== amount || existing.order.currency !== currency) throw badRequest('The receipt has already been used for another order.', 'receipt');
        return existing.order;
      }
    }
    const order: RazorpayOrder = {
      id: newId('order'),
      entity: 'order',
      amount,
      amount_paid: 0,
      amount_due: amount,
      currency,
      receipt,
      offer_id: null,
      status: 'created',
      attempts: 0,
      notes,
      created_at: nowSeconds(),
    };
    this.orders.set(order.id, { order, autoCapture: flag(input.payment_capture, true), partialPayment: flag(input.partial_payment, false) });
    return order;
  }

  order(id: string): RazorpayOrder {
    return this.orderRecord(id).order;
  }

  ordersByReceipt(receipt: string | undefined): RazorpayCollection<RazorpayOrder> {
    const orders = [...this.orders.values()].map((record) => record.order).filter((order) => receipt === undefined || order.receipt === receipt);
    return collection(orders.reverse());
  }

  paymentsOfOrder(orderId: string): RazorpayCollection<RazorpayPayment> {
    this.orderRecord(orderId);
    return collection([...this.payments.values()].filter((payment) => payment.order_id === orderId).reverse());
  }

  payment(id: string): RazorpayPayment {
    const payment = this.payments.get(id);
    if (!payment) throw unknownId();
    return payment;
  }

  /** What the customer does at Checkout; success answers what Checkout's handler receives, failure what `payment.failed` carries. */
  pay(input: CheckoutInput): RazorpayCheckoutResult {
    const record = this.orderRecord(typeof input.order_id === 'string' ? input.order_id : '');
    const { order } = record;
    if (order.status === 'paid') throw badRequest('Order has already been paid', 'order_id', { order_id: order.id });
    const amount = input.amount === undefined ? order.amount_due : positiveInteger(input.amount, 'amount');
    if (amount > order.amount_due || (!record.partialPayment && amount !== order.amount_due)) {
      throw badRequest('Payment amount must be equal to the order amount due', 'amount', { order_id: order.id });
    }
    const payment = this.newPayment(order, amount, input);
    const outcome: TestOutcome = payment.method === 'upi' && input.outcome === undefined ? outcomeOfVpa(payment.vpa ?? '') : testOutcome(input.outcome);
    order.attempts += 1;
    order.status = 'attempted';
    this.payments.set(payment.id, payment);
    if (outcome !== 'success') {
      const failure = FAILURE_OUTCOMES[outcome];
      Object.assign(payment, {
        status: 'failed',
        error_code: failure.code,
        error_description: failure.description,
        error_source: failure.source,
        error_step: failure.step,
        error_reason: outcome,
      });
      throw new SimulatorError(400, { error: { ...failure, reason: outcome, metadata: { payment_id: payment.id, order_id: order.id }, field: null } });
    }
    payment.status = 'authorized';
    payment.acquirer_data = { auth_code: String(100000 + Math.floor(Math.random() * 900000)) };
    if (record.autoCapture) this.markCaptured(payment, order);
    return { razorpay_order_id: order.id, razorpay_payment_id: payment.id, razorpay_signature: checkoutSignature(order.id, payment.id, this.keySecret) };
  }

  /** Only an authorized payment is captured, and only for the amount authorized, in its currency. */
  capture(paymentId: string, input: { amount?: unknown; currency?: unknown }): RazorpayPayment {
    const payment = this.payment(paymentId);
    const amount = positiveInteger(input.amount, 'amount');
    if (payment.captured) throw badRequest('This payment has already been captured', null, { payment_id: payment.id });
    if (payment.status !== 'authorized') throw badRequest('Only payments which have been authorized and not yet captured can be captured', null, { payment_id: payment.id });
    if (input.currency !== undefined && input.currency !== payment.currency) throw badRequest('Currency should be same as that of the payment', 'currency');
    if (amount !== payment.amount) throw badRequest('Capture amount must be equal to the amount authorized', 'amount');
    this.markCaptured(payment, payment.order_id ? this.orderRecord(payment.order_id).order : null);
    return payment;
  }

  /** Refunds only captured payments; several partial refunds may follow one another up to the amount captured. */
  refund(paymentId: string, input: { amount?: unknown; receipt?: unknown; notes?: unknown; speed?: unknown }): RazorpayRefund {
    const payment = this.payment(paymentId);
    if (payment.status !== 'captured' && payment.status !== 'refunded') {
      throw badRequest('The payment has not been captured yet, so it cannot be refunded', null, { payment_id: payment.id });
    }
    const refundable = payment.amount - payment.amount_refunded;
    if (refundable === 0) throw badRequest('The payment has been fully refunded already', null, { payment_id: payment.id });
    const amount = input.amount === undefined ? refundable : positiveInteger(input.amount, 'amount');
    if (amount > refundable) throw badRequest('The refund amount provided is greater than amount captured', 'amount');
    const refund: RazorpayRefund = {
      id: newId('rfnd'),
      entity: 'refund',
      amount,
      currency: payment.currency,
      payment_id: payment.id,
      notes: notesOf(input.notes),
      receipt: optionalString(input.receipt, 'receipt', 40),
      acquirer_data: { arn: null },
      created_at: nowSeconds(),
      batch_id: null,
      status: 'processed',
      speed_processed: 'normal',
      speed_requested: 'normal',
    };
    payment.amount_refunded += amount;
    payment.refund_status = payment.amount_refunded === payment.amount ? 'full' : 'partial';
    if (payment.refund_status === 'full') payment.status = 'refunded';
    this.refunds.set(refund.id, refund);
    return refund;
  }

  refundsOfPayment(paymentId: string): RazorpayCollection<RazorpayRefund> {
    this.payment(paymentId);
    return collection([...this.refunds.values()].filter((refund) => refund.payment_id === paymentId).reverse());
  }

  refundById(id: string, paymentId?: string): RazorpayRefund {
    const refund = this.refunds.get(id);
    if (!refund || (paymentId !== undefined && refund.payment_id !== paymentId)) throw unknownId();
    return refund;
  }

  /** Razorpay refunds an authorization nobody captured (after about five days); tests trigger it at once. */
  releaseAuthorization(paymentId: string): RazorpayPayment {
    const payment = this.payment(paymentId);
    if (payment.status !== 'authorized') throw badRequest('Only an authorized payment can be released', null, { payment_id: payment.id });
    payment.status = 'refunded';
    payment.amount_refunded = payment.amount;
    payment.refund_status = 'full';
    return payment;
  }

  private markCaptured(payment: RazorpayPayment, order: RazorpayOrder | null): void {
    payment.status = 'captured';
    payment.captured = true;
    // Razorpay's documented fee (2% standard plan) with 18% GST on it; `fee` includes the tax, `tax` is that part.
    const fee = Math.round(payment.amount * 0.02);
    payment.tax = Math.round(fee * 0.18);
    payment.fee = fee + payment.tax;
    if (order) {
      order.amount_paid += payment.amount;
      order.amount_due = order.amount - order.amount_paid;
      if (order.amount_due === 0) order.status = 'paid';
    }
  }

  private newPayment(order: RazorpayOrder, amount: number, input: CheckoutInput): RazorpayPayment {
    const method: RazorpayPayment['method'] | null = input.method === 'upi' ? 'upi' : input.method === 'card' || input.method === undefined ? 'card' : null;
    if (!method) throw badRequest('Invalid payment method given: only card and upi are simulated', 'method');
    const base: Omit<RazorpayPayment, 'card_id' | 'vpa' | 'card'> = {
      id: newId('pay'),
      entity: 'payment',
      amount,
      currency: order.currency,
      status: 'created',
      order_id: order.id,
      invoice_id: null,
      international: false,
      method,
      amount_refunded: 0,
      refund_status: null,
      captured: false,
      description: null,
      bank: null,
      wallet: null,
      email: 'void@razorpay.com',
      contact: '+919000090000',
      notes: [],
      fee: null,
      tax: null,
      error_code: null,
      error_description: null,
      error_source: null,
      error_step: null,
      error_reason: null,
      acquirer_data: {},
      created_at: nowSeconds(),
    };
    if (method === 'upi') {
      const vpa = typeof input.vpa === 'string' && /^[\w.-]+@[\w.-]+$/.test(input.vpa) ? input.vpa : null;
      if (!vpa) throw badRequest('Invalid VPA. Please enter a valid Virtual Payment Address', 'vpa');
      return { ...base, card_id: null, vpa };
    }
    const card = describeTestCard(typeof input.card?.number === 'string' ? input.card.number : '4111111111111111');
    if (!card) throw badRequest('Your payment could not be completed as the card number is invalid.', 'card[number]');
    const cardId = newId('card');
    return {
      ...base,
      card_id: cardId,
      vpa: null,
      international: card.international,
      card: { id: cardId, entity: 'card', name: '', last4: card.last4, network: card.network, type: card.type, issuer: null, international: card.international, emi: false, sub_type: 'consumer' },
    };
  }

  private orderRecord(id: string): OrderRecord {
    const record = this.orders.get(id);
    if (!record) throw unknownId();
    return record;
  }
}

export function newId(prefix: string): string {
  const bytes = randomBytes(14);
  return `${prefix}_${[...bytes].map((byte) => BASE62[byte % 62]).join('')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function collection<T>(items: T[]): RazorpayCollection<T> {
  return { entity: 'collection', count: items.length, items };
}

function positiveInteger(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') throw badRequest(`The ${field} field is required.`, field);
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) throw badRequest(`The ${field} must be an integer.`, field);
  return number;
}

function optionalString(value: unknown, field: string, maxLength: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`The ${field} must be a string.`, field);
  if (value.length > maxLength) throw badRequest(`The ${field} may not be greater than ${maxLength} characters.`, field);
  return value;
}

function notesOf(value: unknown): RazorpayNotes | [] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('The notes must be an object.', 'notes');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 15) throw badRequest('Number of fields in notes should be less than or equal to 15', 'notes');
  for (const [key, note] of entries) {
    if (typeof note !== 'string' && typeof note !== 'number') throw badRequest(`The notes.${key} must be a string.`, 'notes');
    if (String(note).length > 256) throw badRequest(`The notes.${key} may not be greater than 256 characters.`, 'notes');
  }
  return entries.length === 0 ? [] : Object.fromEntries(entries.map(([key, note]) => [key, String(note)]));
}

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  return value === true || value === 1 || value === '1' || value === 'true';
}

function testOutcome(value: unknown): TestOutcome {
  if (value === undefined) return 'success';
  if (typeof value === 'string' && (value === 'success' || Object.hasOwn(FAILURE_OUTCOMES, value))) return value as TestOutcome;
  throw badRequest(`outcome must be success or one of: ${Object.keys(FAILURE_OUTCOMES).join(', ')}`, 'outcome');
}
