import type { CheckoutPageView } from '@payrail/contracts';
import { escapeHtml } from '../common/html.js';
import type { CheckoutDocument } from './checkout-html.js';
import { formatAmount } from './checkout-format.js';
import { originsOf } from './checkout-page.js';

/** Where Razorpay's Hosted Checkout is and what opens it, from the PaymentIntent's `razorpay_checkout` action. */
export interface RazorpayCheckoutTarget {
  checkout_url: string;
  key_id: string;
  order_id: string;
}

export interface RazorpayHandoff {
  merchantName: string;
  locale: string;
  target: RazorpayCheckoutTarget;
  /** The method the customer chose on Payrail's page: Razorpay opens on it. */
  method: 'upi' | 'card';
  email: string | null;
  /** The hosted page's return route, where Razorpay posts its result. */
  callbackUrl: string;
  /** Back on the hosted page, still payable. */
  cancelUrl: string;
}

/**
 * Razorpay's Hosted Checkout form fields, in the order its documentation lists them. The key id is
 * public (Razorpay Checkout is given it in every browser); the secret never leaves gateway-connectors.
 */
export function razorpayCheckoutFields(view: CheckoutPageView, handoff: RazorpayHandoff): Array<[string, string]> {
  const description = view.line_items.map((item) => (item.quantity > 1 ? `${item.quantity} × ${item.name}` : item.name)).join(', ');
  return [
    ['key_id', handoff.target.key_id],
    ['order_id', handoff.target.order_id],
    ['name', handoff.merchantName.slice(0, 255)],
    ['description', description.length > 255 ? `${description.slice(0, 254)}…` : description],
    ...(handoff.email ? [['prefill[email]', handoff.email] as [string, string]] : []),
    ['prefill[method]', handoff.method],
    ['callback_url', handoff.callbackUrl],
    ['cancel_url', handoff.cancelUrl],
  ];
}

/** Submits the form at once; without script the customer presses the button. */
const HANDOFF_SCRIPT = `(function(){var f=document.getElementById('razorpay-handoff');if(f){f.submit();}})();`;

/**
 * The page that takes the customer to Razorpay: a form POST to Hosted Checkout, so Payrail's page loads
 * none of Razorpay's script and the UPI ID or card is typed at Razorpay only. Its CSP lets that one form
 * go to Razorpay's origin; every other page keeps `form-action 'self'`.
 */
export function razorpayHandoffPage(view: CheckoutPageView, handoff: RazorpayHandoff): CheckoutDocument {
  const total = escapeHtml(formatAmount(view.amount_total, view.currency, handoff.locale));
  const inputs = razorpayCheckoutFields(view, handoff)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const body = `<header><p class="merchant">${escapeHtml(handoff.merchantName)}${view.livemode ? '' : '<span class="badge">Test mode</span>'}</p></header>
<h1 id="status-heading">Continue to Razorpay</h1>
<p class="total">${total}</p>
<p role="status">Taking you to Razorpay to pay ${handoff.method === 'upi' ? 'with UPI' : 'by card'}…</p>
<form method="post" action="${escapeHtml(handoff.target.checkout_url)}" id="razorpay-handoff">
${inputs}
<button type="submit" id="razorpay-continue">Continue to Razorpay</button>
</form>`;
  return { title: 'Continue to Razorpay', lang: handoff.locale, body, script: HANDOFF_SCRIPT, formTargets: [...originsOf(handoff.target.checkout_url), ...originsOf(view.success_url)] };
}

export type RazorpayCallback =
  | { kind: 'paid'; result: { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature: string } }
  | { kind: 'failed'; reason: string | null }
  | { kind: 'unreadable' };

/**
 * What Razorpay posted to callback_url (form-encoded, parsed as `error[metadata][order_id]` →
 * `{error: {metadata: {order_id}}}`). Read leniently, field by field, rather than by a whitelisting DTO:
 * a field Razorpay adds one day must not turn a paid customer away. Nothing here is trusted: a paid
 * result is checked against its signature and the session's order by payments, and a failure only
 * chooses which of Payrail's own messages the page shows.
 */
export function readRazorpayCallback(body: unknown): RazorpayCallback {
  const fields = isRecord(body) ? body : {};
  const text = (value: unknown, max: number) => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : null);
  const orderId = text(fields['razorpay_order_id'], 64);
  const paymentId = text(fields['razorpay_payment_id'], 64);
  const signature = text(fields['razorpay_signature'], 256);
  if (orderId && paymentId && signature) return { kind: 'paid', result: { razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: signature } };
  const error = fields['error'];
  if (isRecord(error)) {
    const reason = text(error['reason'], 64);
    return { kind: 'failed', reason: reason && /^[a-z_]+$/.test(reason) ? reason : null };
  }
  return { kind: 'unreadable' };
}

/** Payrail's words for Razorpay's documented failure reasons (https://razorpay.com/docs/errors/payments/list). */
const DECLINE_MESSAGES: Record<string, string> = {
  authorisation_declined_by_psp: 'Your UPI app declined the payment. Try again, or use another UPI app.',
  insufficient_funds: 'The payment was declined for insufficient funds. Try another account or card.',
  card_declined: 'Your bank declined the payment. Try another card or pay with UPI.',
  authentication_failed: 'The payment was not authenticated. Try again.',
  card_expired: 'Your card has expired. Try another card.',
  card_number_invalid: 'The card number was not valid. Try again.',
  payment_risk_check_failed: 'The payment was declined. Try another payment method.',
  payment_cancelled: 'The payment was cancelled. You can try again.',
  payment_timed_out: 'The payment was not completed in time. Try again.',
  gateway_technical_error: 'Razorpay could not complete the payment because of a technical problem. Try again.',
  bank_technical_error: 'Your bank could not complete the payment because of a technical problem. Try again.',
};

/** The notice the page shows after Razorpay sent the customer back: named in its URL, never free text. */
export function razorpayNotice(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  if (code === 'unverified') return 'That payment could not be verified for this order, so nothing was charged here. Please pay again.';
  if (code === 'declined') return 'The payment was not completed at Razorpay. You can try again.';
  return Object.hasOwn(DECLINE_MESSAGES, code) ? DECLINE_MESSAGES[code] : undefined;
}

/** The notice to show for a failure Razorpay reported: its reason if Payrail knows it, else a general one. */
export function noticeForFailure(reason: string | null): string {
  return reason && Object.hasOwn(DECLINE_MESSAGES, reason) ? reason : 'declined';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
