import type { CheckoutLineItemResource, CheckoutPageView, CheckoutSessionResource } from '@payrail/contracts';
import type { PaymentIntentEntity } from '../payment-intents/payment-intent.entity.js';
import type { CheckoutSessionEntity, StoredLineItem } from './checkout-session.entity.js';

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Stripe's placeholder, as sent or as URL-encoded by a client that built the URL first. */
export function successUrlFor(session: Pick<CheckoutSessionEntity, 'id' | 'successUrl'>): string {
  return session.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', session.id).replaceAll('%7BCHECKOUT_SESSION_ID%7D', session.id);
}

export function toCheckoutSessionResource(entity: CheckoutSessionEntity, url: string): CheckoutSessionResource {
  const email = entity.customerEmail;
  return {
    id: entity.id,
    object: 'checkout.session',
    amount_subtotal: Number(entity.amountSubtotal),
    amount_total: Number(entity.amountTotal),
    cancel_url: entity.cancelUrl,
    client_reference_id: entity.clientReferenceId,
    created: unixSeconds(entity.createdAt),
    currency: entity.currency,
    customer: entity.customer,
    customer_details: entity.status === 'complete' ? { email, name: entity.customerName } : null,
    customer_email: email,
    expires_at: unixSeconds(entity.expiresAt),
    livemode: entity.livemode,
    locale: entity.locale,
    metadata: entity.metadata,
    mode: 'payment',
    payment_intent: entity.paymentIntent,
    payment_method_types: entity.paymentMethodTypes,
    payment_status: entity.paymentStatus,
    status: entity.status,
    success_url: entity.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: entity.status === 'open' ? url : null,
  };
}

export function toLineItemResource(session: CheckoutSessionEntity, item: StoredLineItem): CheckoutLineItemResource {
  return {
    id: item.id,
    object: 'item',
    amount_discount: 0,
    amount_subtotal: item.amountTotal,
    amount_tax: 0,
    amount_total: item.amountTotal,
    currency: session.currency,
    description: item.name,
    price: {
      id: item.priceId,
      object: 'price',
      active: false,
      billing_scheme: 'per_unit',
      created: unixSeconds(session.createdAt),
      currency: session.currency,
      livemode: session.livemode,
      metadata: {},
      product: item.productId,
      type: 'one_time',
      unit_amount: item.unitAmount,
      unit_amount_decimal: String(item.unitAmount),
    },
    quantity: item.quantity,
  };
}

export function toCheckoutPageView(session: CheckoutSessionEntity, intent: PaymentIntentEntity | null, paidAtGateway: string[] = []): CheckoutPageView {
  const lastError = intent?.status === 'requires_payment_method' ? intent.lastPaymentError : null;
  return {
    id: session.id,
    merchant_id: session.merchantId,
    livemode: session.livemode,
    status: session.status,
    currency: session.currency,
    amount_subtotal: Number(session.amountSubtotal),
    amount_total: Number(session.amountTotal),
    line_items: session.lineItems.map((item) => ({
      name: item.name,
      description: item.description,
      quantity: item.quantity,
      unit_amount: item.unitAmount,
      amount_total: item.amountTotal,
    })),
    locale: session.locale,
    customer_email: session.customerEmail,
    payment_method_types: session.paymentMethodTypes,
    cancel_url: session.cancelUrl,
    success_url: successUrlFor(session),
    expires_at: unixSeconds(session.expiresAt),
    attempt: intent?.attempts ?? 0,
    processing: intent?.status === 'processing',
    last_error: lastError ? { code: lastError.decline_code ?? lastError.code, message: lastError.message } : null,
    paid_at_gateway: paidAtGateway,
  };
}
