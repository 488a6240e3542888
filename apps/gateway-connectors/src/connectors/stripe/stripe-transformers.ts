import type { CardDetails, GatewayFee, GatewaySettlement } from '@payrail/contracts';
import { GatewayOutcomeUnknownError } from '../../http/gateway-http-client.js';
import type {
  ConnectorAuthenticationResult,
  ConnectorAuthorizeResult,
  ConnectorRefundResult,
  ConnectorSettleResult,
  ConnectorSyncResult,
} from '../../routing/payment-connector.js';
import { declineCodeOf, failureCodeOf, redactSecrets } from './stripe-errors.js';
import type { StripeBalanceTransaction, StripeCard, StripeCharge, StripeError, StripeLastPaymentError, StripePaymentIntent, StripeRefund } from './stripe-api.js';

/** Where to send the customer for 3D Secure (Stripe's `next_action.redirect_to_url.url`); null when Stripe asks for its own SDK. */
export interface StripeAuthorizeResult extends ConnectorAuthorizeResult {
  redirectUrl: string | null;
}

export type StripeAuthenticationResult = Omit<StripeAuthorizeResult, 'card'>;

/** The answer to a PaymentIntent created with `confirm=true`, or retrieved after it (expanded charge and payment method). */
export function authorizationOf(intent: StripePaymentIntent): StripeAuthorizeResult {
  return { ...authenticationOf(intent), card: cardOf(intent) };
}

export function authenticationOf(intent: StripePaymentIntent): StripeAuthenticationResult {
  return { ...answerOf(intent), redirectUrl: intent.status === 'requires_action' ? (intent.next_action?.redirect_to_url?.url ?? null) : null };
}

function answerOf(intent: StripePaymentIntent): ConnectorAuthenticationResult {
  const charge = expandedCharge(intent);
  const common = { riskLevel: riskLevelOf(charge), externalReference: intent.id };
  switch (intent.status) {
    case 'succeeded':
    case 'requires_capture': {
      return {
        ...common,
        outcome: 'succeeded',
        networkStatus: 'approved_by_network',
        sellerMessage: charge?.outcome?.seller_message ?? 'Payment complete.',
        ...(intent.status === 'succeeded' ? feeOfCapturedCharge(intent.latest_charge) : {}),
      };
    }
    case 'requires_action':
      return { ...common, outcome: 'requires_action', networkStatus: 'not_sent_to_network', sellerMessage: 'The issuer requires 3D Secure authentication.' };
    case 'processing':
      // Cards settle synchronously; an intent still processing has no outcome yet: sync asks again later.
      throw new GatewayOutcomeUnknownError(`Stripe is still processing PaymentIntent ${intent.id}`);
    case 'requires_payment_method':
    case 'requires_confirmation':
    case 'canceled':
      // After `confirm=true`, requires_payment_method is Stripe's way of saying the attempt failed.
      return { ...common, ...declineOf(intent.last_payment_error ?? undefined, charge) };
  }
}

/** A 402 to the confirming create: the card was declined; Stripe's error names the intent and the payment method. */
export function declinedAuthorizationOf(error: StripeError): StripeAuthorizeResult {
  const intent = error.payment_intent;
  return {
    ...declineOf(error, undefined),
    riskLevel: error.decline_code === 'fraudulent' ? 'elevated' : 'normal',
    externalReference: intent?.id ?? null,
    redirectUrl: null,
    card: cardFrom(error.payment_method?.card),
  };
}

function declineOf(
  error: StripeLastPaymentError | undefined,
  charge: StripeCharge | undefined,
): Pick<ConnectorAuthorizeResult, 'outcome' | 'networkStatus' | 'sellerMessage' | 'failureCode' | 'declineCode' | 'failureMessage'> {
  const failureCode = failureCodeOf(error?.code);
  const declineCode = declineCodeOf(error?.decline_code, error?.code);
  const sentToNetwork = charge?.outcome?.network_status ?? (failureCode === 'payment_intent_authentication_failure' ? 'not_sent_to_network' : 'declined_by_network');
  return {
    outcome: 'declined',
    networkStatus: sentToNetwork === 'not_sent_to_network' ? 'not_sent_to_network' : 'declined_by_network',
    sellerMessage:
      charge?.outcome?.seller_message ??
      (declineCode === 'generic_decline' ? 'The bank did not return any further details with this decline.' : `The bank returned the decline code \`${declineCode}\`.`),
    failureCode,
    declineCode,
    failureMessage: redactSecrets(error?.message ?? 'Your card was declined.'),
  };
}

export function captureResultOf(intent: StripePaymentIntent): ConnectorSettleResult {
  if (intent.status === 'succeeded') {
    return { status: 'succeeded', externalReference: intent.id, ...feeOfCapturedCharge(intent.latest_charge) };
  }
  if (intent.status === 'processing') throw new GatewayOutcomeUnknownError(`Stripe is still processing the capture of ${intent.id}`);
  return { status: 'failed', failureReason: `Stripe left PaymentIntent ${intent.id} ${intent.status} after the capture.`, externalReference: intent.id };
}

export function voidResultOf(intent: StripePaymentIntent): ConnectorSettleResult {
  if (intent.status === 'canceled') return { status: 'succeeded', externalReference: intent.id };
  return { status: 'failed', failureReason: `Stripe left PaymentIntent ${intent.id} ${intent.status} after the cancel.`, externalReference: intent.id };
}

export function refundResultOf(refund: StripeRefund): ConnectorRefundResult {
  switch (refund.status) {
    case 'succeeded':
      return { status: 'succeeded', externalReference: refund.id, ...refundSettlementOf(refund) };
    case 'failed':
    case 'canceled':
      return { status: 'failed', failureReason: refund.failure_reason ?? refund.status, externalReference: refund.id };
    default:
      return { status: 'pending', externalReference: refund.id, ...refundSettlementOf(refund) };
  }
}

/**
 * How Stripe paid a refund out when it converted it (`exchange_rate` set on the refund's balance transaction,
 * which takes a negative `amount` from the balance in the settlement currency at the refund's own rate): that
 * amount, unsigned, as the settlement beside the balance transaction's fee. Nothing for a refund in the
 * settlement currency, an unexpanded balance transaction, or one that does not read as a refund's.
 */
function refundSettlementOf(refund: StripeRefund): Pick<ConnectorRefundResult, 'gatewayFee'> {
  const transaction = refund.balance_transaction;
  if (typeof transaction !== 'object' || transaction === null || !Number.isSafeInteger(transaction.amount) || transaction.amount > 0) return {};
  if (!Number.isSafeInteger(transaction.fee) || transaction.fee < 0 || typeof transaction.currency !== 'string' || transaction.currency === '') return {};
  const currency = transaction.currency.toLowerCase();
  const settlement = settlementOf({ ...transaction, amount: -transaction.amount }, currency);
  return settlement ? { gatewayFee: { amount: transaction.fee, currency, settlement } } : {};
}

export function syncResultOf(intent: StripePaymentIntent): ConnectorSyncResult {
  const answer = { ...authenticationOf(intent), card: cardOf(intent) };
  return {
    status: 'found',
    amount: intent.amount,
    currency: intent.currency,
    captureMethod: intent.capture_method === 'manual' ? 'manual' : 'automatic',
    answer,
  };
}

/**
 * Stripe's fee for a captured charge: the balance transaction's `fee`, in the balance transaction's own
 * currency (the account's settlement currency, which may not be the charge's). It is reported as Stripe
 * charged it, never converted here; when Stripe converted the charge (`exchange_rate` set) the settled gross
 * and the rate go with it, so that the ledger can follow the money into the settlement currency. Unknown
 * (undefined) when the balance transaction is absent or not expanded, or does not read as a fee.
 */
export function gatewayFeeOf(charge: StripeCharge | undefined): GatewayFee | undefined {
  const transaction = charge?.balance_transaction;
  if (typeof transaction !== 'object' || transaction === null) return undefined;
  if (!Number.isSafeInteger(transaction.fee) || transaction.fee < 0 || typeof transaction.currency !== 'string' || transaction.currency === '') return undefined;
  const currency = transaction.currency.toLowerCase();
  const settlement = settlementOf(transaction, currency);
  return { amount: transaction.fee, currency, ...(settlement ? { settlement } : {}) };
}

/** The conversion Stripe made, when it made one (`exchange_rate` is null for a charge in the settlement currency) and it reads as one. */
function settlementOf(transaction: StripeBalanceTransaction, currency: string): GatewaySettlement | undefined {
  if (transaction.exchange_rate === null || transaction.exchange_rate === undefined) return undefined;
  const exchangeRate = decimalStringOf(transaction.exchange_rate);
  if (exchangeRate === undefined || !Number.isSafeInteger(transaction.amount) || transaction.amount < 0) return undefined;
  return { amount: transaction.amount, currency, exchangeRate };
}

/**
 * A positive JSON number as the decimal string it was written as: JavaScript prints the shortest decimal that
 * reads back as the same double, which for Stripe's rates (a few significant digits) is the digits Stripe
 * sent; an exponent form (`1.2e-7`) is spelled out. Undefined for anything not a positive finite number.
 */
export function decimalStringOf(value: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  const [mantissa, exponentText] = String(value).split('e');
  if (exponentText === undefined) return mantissa;
  const exponent = Number(exponentText);
  const [whole, fraction = ''] = mantissa!.split('.');
  const digits = `${whole}${fraction}`;
  const point = whole!.length + exponent;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${digits}${'0'.repeat(point - digits.length)}`;
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A captured charge's fee, or that it is awaited: Stripe makes the balance transaction once the funds are
 * accounted for (`balance_transaction: null` until then, minutes later for some methods), so a charge
 * without one (or with it not expanded) is asked about again by its id. A balance transaction that does not
 * read as a fee, or an answer that leaves the field out, is neither: asking again would read the same.
 */
export function feeOfCapturedCharge(latestCharge: StripePaymentIntent['latest_charge']): Pick<ConnectorSettleResult, 'gatewayFee' | 'gatewayFeeAwaited'> {
  if (typeof latestCharge === 'string' && latestCharge !== '') return { gatewayFeeAwaited: { reference: latestCharge } };
  if (typeof latestCharge !== 'object' || latestCharge === null) return {};
  const fee = gatewayFeeOf(latestCharge);
  if (fee) return { gatewayFee: fee };
  const transaction = latestCharge.balance_transaction;
  return latestCharge.id && (transaction === null || typeof transaction === 'string') ? { gatewayFeeAwaited: { reference: latestCharge.id } } : {};
}

function expandedCharge(intent: StripePaymentIntent): StripeCharge | undefined {
  return typeof intent.latest_charge === 'object' && intent.latest_charge !== null ? intent.latest_charge : undefined;
}

function riskLevelOf(charge: StripeCharge | undefined): ConnectorAuthorizeResult['riskLevel'] {
  const level = charge?.outcome?.risk_level;
  return level === 'elevated' || level === 'highest' ? level : 'normal';
}

/** The card as the expanded payment method, or else the charge, describes it. */
function cardOf(intent: StripePaymentIntent): CardDetails {
  const method = typeof intent.payment_method === 'object' && intent.payment_method !== null ? intent.payment_method : undefined;
  return cardFrom(method?.card ?? expandedCharge(intent)?.payment_method_details?.card);
}

/** Stripe's fingerprint is its own (per Stripe account); Payrail's keyed fingerprint needs the number, which Stripe keeps. */
function cardFrom(card: StripeCard | null | undefined): CardDetails {
  return {
    brand: card?.brand ?? 'unknown',
    last4: card?.last4 ?? '',
    exp_month: card?.exp_month ?? 0,
    exp_year: card?.exp_year ?? 0,
    funding: card?.funding ?? 'unknown',
    country: card?.country ?? null,
    fingerprint: card?.fingerprint ?? '',
  };
}
