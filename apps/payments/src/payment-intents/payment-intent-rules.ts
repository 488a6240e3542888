import { timingSafeEqual } from 'node:crypto';
import type { UpdatePaymentIntentParams } from '@payrail/contracts';
import {
  checkAmount,
  isKnownCurrency,
  isUpdatable,
  mergeMetadata,
  normalizeCurrency,
  UPDATABLE_STATUSES,
  validateMetadata,
  type PaymentIntentStatus,
} from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import type { PaymentIntentEntity } from './payment-intent.entity.js';
import { toPaymentIntentResource } from './payment-intent.mapper.js';
import type { PaymentIntentPatch } from './payment-intents.repository.js';

export function assertAmount(amount: number, currency: string, param = 'amount'): void {
  if (!isKnownCurrency(currency)) throw new PayrailError('parameter_invalid', `Invalid currency: ${currency}.`, { param: 'currency' });
  const violation = checkAmount(amount, currency);
  if (violation) throw new PayrailError(violation.code, violation.message, { param });
}

export function assertMetadata(metadata: Record<string, string> | '' | undefined): void {
  if (!metadata) return;
  const [violation] = validateMetadata(metadata);
  if (violation) throw new PayrailError('parameter_invalid', violation.message, { param: `metadata[${violation.key}]` });
}

/** Stripe's refusal of an action in the wrong status, with the intent in the error as Stripe puts it. */
export function unexpectedState(intent: PaymentIntentEntity, action: string, allowed?: readonly string[]): PayrailError {
  const hint = allowed ? ` Only a PaymentIntent with one of the following statuses may be ${pastTense(action)}: ${allowed.join(', ')}.` : '';
  return new PayrailError(
    'payment_intent_unexpected_state',
    `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}.${hint}`,
    { details: { payment_intent: toPaymentIntentResource(intent) } },
  );
}

function pastTense(action: string): string {
  return { cancel: 'canceled', capture: 'captured', update: 'updated' }[action] ?? `${action}ed`;
}

const CARD_ERROR_CODES = new Set(['card_declined', 'expired_card', 'incorrect_cvc', 'processing_error', 'incorrect_number']);

export function cardErrorCode(code: string): 'card_declined' | 'expired_card' | 'incorrect_cvc' | 'processing_error' | 'incorrect_number' {
  return (CARD_ERROR_CODES.has(code) ? code : 'card_declined') as 'card_declined';
}

/** Fields that change what is charged or how: frozen once the payment is being processed or authorised. */
const PAYMENT_FIELDS = ['amount', 'currency', 'customer', 'payment_method', 'capture_method', 'statement_descriptor'] as const;

/**
 * What an update changes, decided on the locked row. Payment fields change only before anything is
 * authorised; description, metadata and receipt_email can be changed at any status (merchants record
 * an order id after payment, as on Stripe). A new payment method, or a new amount or currency while
 * 3D Secure is pending, needs a new confirmation: the intent goes to `requires_confirmation` and a
 * pending authentication link dies.
 */
export function planUpdate(intent: PaymentIntentEntity, params: Omit<UpdatePaymentIntentParams, 'id'>): { patch: PaymentIntentPatch; from: readonly PaymentIntentStatus[] } {
  const touchesPayment = PAYMENT_FIELDS.some((field) => params[field] !== undefined);
  if (touchesPayment && !isUpdatable(intent.status)) throw unexpectedState(intent, 'update', UPDATABLE_STATUSES);
  const currency = params.currency !== undefined ? normalizeCurrency(params.currency) : intent.currency;
  if (params.amount !== undefined || params.currency !== undefined) assertAmount(params.amount ?? Number(intent.amount), currency);
  assertMetadata(params.metadata);

  const patch: PaymentIntentPatch = {};
  if (params.amount !== undefined) patch.amount = String(params.amount);
  if (params.currency !== undefined) patch.currency = currency;
  if (params.customer !== undefined) patch.customer = params.customer;
  if (params.capture_method !== undefined) patch.captureMethod = params.capture_method;
  if (params.statement_descriptor !== undefined) patch.statementDescriptor = params.statement_descriptor;
  if (params.description !== undefined) patch.description = params.description;
  if (params.receipt_email !== undefined) patch.receiptEmail = params.receipt_email;
  if (params.metadata !== undefined) patch.metadata = mergeMetadata(intent.metadata, params.metadata);
  if (params.payment_method !== undefined) patch.paymentMethod = params.payment_method;

  const amountChanged = patch.amount !== undefined && patch.amount !== intent.amount;
  const currencyChanged = patch.currency !== undefined && patch.currency !== intent.currency;
  const needsConfirmation =
    params.payment_method !== undefined || (intent.status === 'requires_action' && (amountChanged || currencyChanged));
  if (needsConfirmation) Object.assign(patch, { status: 'requires_confirmation', nextAction: null, authenticationToken: null, pendingAuthorization: null });
  return { patch, from: touchesPayment ? UPDATABLE_STATUSES : [intent.status] };
}

/** Where the customer lands after 3D Secure, with the parameters Stripe adds to `return_url`. */
export function returnUrlWith(returnUrl: string, intent: Pick<PaymentIntentEntity, 'id' | 'clientSecret'>, redirectStatus: 'succeeded' | 'failed'): string {
  const url = new URL(returnUrl);
  url.searchParams.set('payment_intent', intent.id);
  url.searchParams.set('payment_intent_client_secret', intent.clientSecret);
  url.searchParams.set('redirect_status', redirectStatus);
  return url.toString();
}

/** Constant-time comparison of a presented token with the stored one. */
export function tokensEqual(stored: string | null, presented: unknown): boolean {
  if (stored === null || typeof presented !== 'string') return false;
  const a = Buffer.from(stored);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
