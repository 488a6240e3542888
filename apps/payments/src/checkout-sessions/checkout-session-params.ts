import { HOSTED_CHECKOUT_PAYMENT_METHOD_TYPES, type CreateCheckoutSessionParams } from '@payrail/contracts';
import { checkAmount, isKnownCurrency, newId, normalizeCurrency, validateMetadata } from '@payrail/domain';
import { PayrailError } from '@payrail/errors';
import type { StoredLineItem } from './checkout-session.entity.js';

/** What the hosted page can take: cards, M-Pesa, and UPI (paid at Razorpay's Hosted Checkout). */
export const HOSTED_PAYMENT_METHOD_TYPES = HOSTED_CHECKOUT_PAYMENT_METHOD_TYPES;

const MIN_LIFETIME_S = 30 * 60;
const MAX_LIFETIME_S = 24 * 60 * 60;
/** A client that computes now + 30 min and then sends it arrives a little later: that is still 30 min. */
const CLOCK_GRACE_S = 60;
const MAX_LINE_ITEMS = 100;
const MAX_QUANTITY = 999_999;
const MAX_URL_LENGTH = 5000;

export interface CheckedSession {
  currency: string;
  lineItems: StoredLineItem[];
  amountTotal: number;
  expiresAt: Date;
  paymentMethodTypes: string[];
}

const invalid = (param: string, message: string) => new PayrailError('parameter_invalid', message, { param });

/**
 * Stripe's rules for `checkout.sessions.create` in payment mode, each refusal naming the parameter.
 * The edge checks shapes; this is what any caller on the bus is held to.
 */
export function checkSessionParams(params: CreateCheckoutSessionParams, now: Date): CheckedSession {
  if (params.mode !== 'payment') throw invalid('mode', 'Invalid mode: only `payment` is supported.');
  const items = params.line_items ?? [];
  if (items.length === 0) throw new PayrailError('parameter_missing', 'Missing required param: line_items.', { param: 'line_items' });
  if (items.length > MAX_LINE_ITEMS) throw invalid('line_items', `A Checkout Session can have at most ${MAX_LINE_ITEMS} line items.`);
  const currency = normalizeCurrency(items[0].price_data.currency);
  const lineItems = items.map((item, index): StoredLineItem => {
    const at = (path: string) => `line_items[${index}]${path}`;
    const price = item.price_data;
    if (!isKnownCurrency(price.currency)) throw invalid(at('[price_data][currency]'), `Invalid currency: ${price.currency}.`);
    if (normalizeCurrency(price.currency) !== currency) {
      throw invalid(at('[price_data][currency]'), 'All line items must use the same currency.');
    }
    if (!Number.isSafeInteger(price.unit_amount) || price.unit_amount < 0) {
      throw invalid(at('[price_data][unit_amount]'), 'Invalid unit_amount: must be a non-negative integer in the currency\'s smallest unit.');
    }
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw invalid(at('[quantity]'), `Invalid quantity: must be an integer from 1 to ${MAX_QUANTITY}.`);
    }
    const product = price.product_data;
    if (!product.name?.trim()) throw new PayrailError('parameter_missing', `Missing required param: ${at('[price_data][product_data][name]')}.`, { param: at('[price_data][product_data][name]') });
    const images = product.images ?? [];
    if (images.length > 8) throw invalid(at('[price_data][product_data][images]'), 'At most 8 images per product.');
    images.forEach((image, imageIndex) => assertHttpUrl(image, at(`[price_data][product_data][images][${imageIndex}]`)));
    const amountTotal = price.unit_amount * item.quantity;
    return {
      id: newId('li'),
      priceId: newId('price'),
      productId: newId('prod'),
      name: product.name,
      description: product.description || null,
      images,
      unitAmount: price.unit_amount,
      quantity: item.quantity,
      amountTotal,
    };
  });
  const amountTotal = lineItems.reduce((sum, item) => sum + item.amountTotal, 0);
  const violation = checkAmount(amountTotal, currency);
  if (violation) throw new PayrailError(violation.code, `The line items total ${violation.message.charAt(0).toLowerCase()}${violation.message.slice(1)}`, { param: 'line_items' });

  assertHttpUrl(params.success_url, 'success_url');
  if (params.cancel_url !== undefined) assertHttpUrl(params.cancel_url, 'cancel_url');
  if (params.customer !== undefined && params.customer_email !== undefined) {
    throw invalid('customer_email', 'You may only specify one of these parameters: customer, customer_email.');
  }
  if (params.customer_email !== undefined && (params.customer_email.length > 512 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(params.customer_email))) {
    throw invalid('customer_email', 'Invalid email address: ' + params.customer_email.slice(0, 80));
  }
  if (params.client_reference_id !== undefined && (params.client_reference_id.length === 0 || params.client_reference_id.length > 200)) {
    throw invalid('client_reference_id', 'Invalid client_reference_id: must be 1 to 200 characters.');
  }
  assertMetadata(params.metadata, 'metadata');
  if (params.order_id !== undefined && (params.order_id.length === 0 || params.order_id.length > 200)) {
    throw invalid('order_id', 'Invalid order_id: must be 1 to 200 characters.');
  }
  const intentData = params.payment_intent_data;
  if (intentData?.description !== undefined && intentData.description.length > 1000) {
    throw invalid('payment_intent_data[description]', 'Invalid payment_intent_data[description]: at most 1000 characters.');
  }
  assertMetadata(intentData?.metadata, 'payment_intent_data[metadata]');
  if (params.locale !== undefined && !isSupportedLocale(params.locale)) {
    throw invalid('locale', `Invalid locale: ${params.locale.slice(0, 40)}. Use \`auto\` or a language tag such as \`en\`, \`fr\` or \`pt-BR\`.`);
  }
  return { currency, lineItems, amountTotal, expiresAt: expiryOf(params.expires_at, now), paymentMethodTypes: paymentMethodTypesOf(params.payment_method_types) };
}

function expiryOf(expiresAt: number | undefined, now: Date): Date {
  const nowS = Math.floor(now.getTime() / 1000);
  if (expiresAt === undefined) return new Date((nowS + MAX_LIFETIME_S) * 1000);
  if (!Number.isSafeInteger(expiresAt)) throw invalid('expires_at', 'Invalid expires_at: must be a unix timestamp in seconds.');
  if (expiresAt < nowS + MIN_LIFETIME_S - CLOCK_GRACE_S) {
    throw invalid('expires_at', 'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.');
  }
  if (expiresAt > nowS + MAX_LIFETIME_S) throw invalid('expires_at', 'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.');
  return new Date(expiresAt * 1000);
}

function paymentMethodTypesOf(types: string[] | undefined): string[] {
  if (types === undefined || types.length === 0) return ['card'];
  types.forEach((type, index) => {
    if (!(HOSTED_PAYMENT_METHOD_TYPES as readonly string[]).includes(type)) {
      throw invalid(`payment_method_types[${index}]`, `Invalid payment_method_types[${index}]: the hosted page takes ${HOSTED_PAYMENT_METHOD_TYPES.join(', ')} for now.`);
    }
  });
  return [...new Set(types)];
}

function assertHttpUrl(value: string, param: string): void {
  let url: URL | undefined;
  try {
    url = value.length <= MAX_URL_LENGTH ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw invalid(param, `Invalid ${param}: must be an http or https URL.`);
}

function assertMetadata(metadata: Record<string, string> | undefined, param: string): void {
  if (!metadata) return;
  const [violation] = validateMetadata(metadata);
  if (violation) throw invalid(`${param}[${violation.key}]`, violation.message);
}

function isSupportedLocale(locale: string): boolean {
  if (locale === 'auto') return true;
  try {
    return /^[a-z]{2,3}(-[A-Z]{2})?$/.test(locale) && Intl.NumberFormat.supportedLocalesOf([locale]).length === 1;
  } catch {
    return false;
  }
}
