import { createHash } from 'node:crypto';
import type { CreateCheckoutSessionParams } from '@payrail/contracts';
import type { CheckedSession } from './checkout-session-params.js';

type Canonical = string | number | boolean | null | Canonical[] | { [key: string]: Canonical };

/**
 * What makes two requests for one `order_id` the same payment, as a digest kept with the session: a retry
 * of the gateway API's `/pay` whose first answer was lost gets that session, any other use of the order_id
 * is refused. Compared as the service reads them: the amount in minor units, the currency in any case,
 * URLs as parsed, e-mail addresses in any case, names and phones without stray spaces, metadata in any key
 * order. Left out on purpose: the session id (each request picks its own), the payment method types (the
 * edge derives them from what is routable at that moment) and the notifications' signing key (a retry
 * signed after the merchant rolled its key is still the same order).
 */
export function orderFingerprint(params: CreateCheckoutSessionParams, checked: CheckedSession): string {
  const defining: Canonical = {
    currency: checked.currency,
    amount_total: checked.amountTotal,
    line_items: checked.lineItems.map((item) => ({
      name: item.name,
      description: item.description,
      images: item.images.map(normalUrl),
      unit_amount: item.unitAmount,
      quantity: item.quantity,
    })),
    success_url: normalUrl(params.success_url),
    cancel_url: optional(params.cancel_url, normalUrl),
    customer: params.customer ?? null,
    customer_email: optional(params.customer_email, (email) => email.toLowerCase()),
    customer_name: optional(params.customer_name, spaced),
    customer_phone: optional(params.customer_phone, (phone) => phone.replace(/[\s().-]/g, '')),
    client_reference_id: params.client_reference_id ?? null,
    metadata: params.metadata ?? {},
    capture_method: params.payment_intent_data?.capture_method ?? 'automatic',
    payment_description: params.payment_intent_data?.description ?? null,
    payment_metadata: params.payment_intent_data?.metadata ?? {},
    expires_at: params.expires_at ?? null,
    locale: params.locale ?? null,
    notification_url: optional(params.notification?.url, normalUrl),
  };
  return createHash('sha256').update(canonicalJson(defining)).digest('hex');
}

function optional<T>(value: T | undefined, normal: (value: T) => Canonical): Canonical {
  return value === undefined || value === null ? null : normal(value);
}

/** `HTTPS://Shop.Example:443/a` and `https://shop.example/a` are one URL; a value that does not parse is kept as written. */
function normalUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

function spaced(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** JSON with every object's keys sorted, so that `{a, b}` and `{b, a}` digest alike. */
function canonicalJson(value: Canonical): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
