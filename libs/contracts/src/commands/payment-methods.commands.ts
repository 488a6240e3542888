import type { CardDetails } from '../resources/charge.resource.js';
import type { ListParams, Metadata } from '../resources/list.js';
import type { ExpandParams } from './expand.commands.js';

/** A raw card as the caller sent it: test mode only. Never store, log or echo `number` or `cvc`. */
export interface CardInput {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc?: string;
}

export interface AddressInput {
  city?: string;
  country?: string;
  line1?: string;
  line2?: string;
  postal_code?: string;
  state?: string;
}

export interface BillingDetailsInput {
  address?: AddressInput;
  email?: string;
  name?: string;
  phone?: string;
}

export interface CreatePaymentMethodParams extends ExpandParams {
  type: 'card' | 'mpesa';
  /** Required for `card`. */
  card?: CardInput;
  /** Required for `mpesa`: the customer's number, `07…`, `+254…` or `254…`. */
  mpesa?: { phone_number: string };
  billing_details?: BillingDetailsInput;
  metadata?: Metadata;
}

/** `customer` set: only a payment method attached to that customer is found (GET /v1/customers/:id/payment_methods/:pm). */
export interface RetrievePaymentMethodParams extends ExpandParams {
  id: string;
  customer?: string;
}

export interface ListPaymentMethodsParams extends ListParams, ExpandParams {
  customer?: string;
  type?: string;
}

export interface AttachPaymentMethodParams extends ExpandParams {
  id: string;
  customer: string;
}

export interface DetachPaymentMethodParams extends ExpandParams {
  id: string;
}

/**
 * What gateway-connectors is asked to tokenise: a raw test card (its number leaves payments only in
 * this request, and is dropped by the connector once tokenised), or one of Stripe's test tokens.
 */
export type CardTokenSource =
  | { type: 'card_number'; number: string; exp_month: number; exp_year: number }
  | { type: 'test_token'; token: string };

export interface TokenizeCardParams {
  source: CardTokenSource;
}

/** An opaque reference the connector can authorise later, and what may be shown about the card. */
export interface TokenizeCardResult {
  connector: string;
  token: string;
  card: CardDetails;
}
