import type { RazorpayCheckoutResult } from '../razorpay-signatures.js';
import { badRequest, SimulatorError } from './simulator-errors.js';
import type { SimulatorLedger } from './simulator-ledger.js';

/** Hosted Checkout's form fields (https://razorpay.com/docs/payments/payment-gateway/web-integration/hosted/). */
export interface HostedCheckoutForm {
  key_id?: unknown;
  order_id?: unknown;
  name?: unknown;
  description?: unknown;
  prefill?: unknown;
  callback_url?: unknown;
  cancel_url?: unknown;
  /** What the customer chose on the simulated page (its own form, not Razorpay's contract). */
  method?: unknown;
  vpa?: unknown;
  card_number?: unknown;
}

export const HOSTED_CHECKOUT_PATH = '/v1/checkout/embedded';
/** Where the simulated page's own form goes: Razorpay's page posts to Razorpay, never to the merchant. */
const PAY_PATH = `${HOSTED_CHECKOUT_PATH}/pay`;

/**
 * The page Razorpay shows for `POST /v1/checkout/embedded`: the order's amount, UPI (a VPA) or a card
 * number, a pay button and a link back to `cancel_url`. A wrong key or order is refused as Razorpay does,
 * on a page of its own, and the merchant hears nothing.
 */
export function hostedCheckoutPage(ledger: SimulatorLedger, form: HostedCheckoutForm): string {
  const { order, callbackUrl, cancelUrl } = checkedForm(ledger, form);
  const prefill = typeof form.prefill === 'object' && form.prefill !== null ? (form.prefill as Record<string, unknown>) : {};
  const method = prefill['method'] === 'card' ? 'card' : 'upi';
  const amount = `${order.currency} ${(order.amount_due / 100).toFixed(2)}`;
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escape(value)}">`;
  return page(
    'Razorpay Checkout',
    `<h1>${escape(text(form.name) || 'Razorpay Checkout')}</h1>
<p>${escape(text(form.description))}</p>
<p id="amount">${escape(amount)}</p>
<form method="post" action="${PAY_PATH}" id="razorpay-form">
${hidden('key_id', text(form.key_id))}${hidden('order_id', order.id)}${hidden('callback_url', callbackUrl)}${hidden('cancel_url', cancelUrl)}
<fieldset><legend>Pay with</legend>
<label><input type="radio" name="method" value="upi"${method === 'upi' ? ' checked' : ''}> UPI</label>
<label><input type="radio" name="method" value="card"${method === 'card' ? ' checked' : ''}> Card</label>
</fieldset>
<label for="vpa">UPI ID</label><input id="vpa" name="vpa" placeholder="success@razorpay" value="${escape(text(prefill['vpa']))}">
<label for="card_number">Card number</label><input id="card_number" name="card_number" inputmode="numeric">
<button type="submit" id="razorpay-pay">Pay ${escape(amount)}</button>
</form>
${cancelUrl ? `<p><a id="razorpay-cancel" href="${escape(cancelUrl)}">Cancel payment</a></p>` : ''}`,
  );
}

/**
 * The customer pays on the simulated page: the order is paid exactly as `POST /_simulator/checkout` pays
 * it, and the browser carries Razorpay's documented callback fields to `callback_url` (an auto-submitting
 * form): `razorpay_payment_id`, `razorpay_order_id`, `razorpay_signature` on success, `error[code]`,
 * `error[description]`, `error[source]`, `error[step]`, `error[reason]`, `error[metadata][payment_id]`,
 * `error[metadata][order_id]` on failure.
 */
export function hostedCheckoutPayment(ledger: SimulatorLedger, form: HostedCheckoutForm): string {
  const { order, callbackUrl } = checkedForm(ledger, form);
  const method = form.method === 'card' ? 'card' : 'upi';
  let fields: Array<[string, string]>;
  try {
    const result: RazorpayCheckoutResult = ledger.pay({ order_id: order.id, method, ...(method === 'upi' ? { vpa: text(form.vpa) } : { card: { number: text(form.card_number) || undefined } }) });
    fields = Object.entries(result);
  } catch (error) {
    if (!(error instanceof SimulatorError)) throw error;
    const failure = error.body.error;
    fields = [
      ['error[code]', failure.code],
      ['error[description]', failure.description],
      ['error[source]', failure.source],
      ['error[step]', failure.step],
      ['error[reason]', failure.reason],
      ...Object.entries(failure.metadata).map(([key, value]): [string, string] => [`error[metadata][${key}]`, String(value)]),
      ...(failure.field ? [['error[field]', failure.field] as [string, string]] : []),
    ];
  }
  const inputs = fields.map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`).join('');
  return page(
    'Redirecting…',
    `<form method="post" action="${escape(callbackUrl)}" id="razorpay-callback">${inputs}<noscript><button type="submit">Continue</button></noscript></form>
<script>document.getElementById('razorpay-callback').submit();</script>`,
  );
}

export function isHostedCheckoutPath(path: string): boolean {
  return path === HOSTED_CHECKOUT_PATH || path === PAY_PATH;
}

export function hostedCheckoutRoute(path: string): 'page' | 'pay' {
  return path === PAY_PATH ? 'pay' : 'page';
}

function checkedForm(ledger: SimulatorLedger, form: HostedCheckoutForm): { order: ReturnType<SimulatorLedger['order']>; callbackUrl: string; cancelUrl: string } {
  const order = ledger.order(text(form.order_id));
  const callbackUrl = text(form.callback_url);
  if (!isWebUrl(callbackUrl)) throw badRequest('The callback url field is required and must be a valid url.', 'callback_url');
  const cancelUrl = text(form.cancel_url);
  if (cancelUrl && !isWebUrl(cancelUrl)) throw badRequest('The cancel url must be a valid url.', 'cancel_url');
  if (order.status === 'paid') throw badRequest('Order has already been paid', 'order_id', { order_id: order.id });
  return { order, callbackUrl, cancelUrl };
}

/** Refusals are a page as well: the customer's browser is on Razorpay's site. */
export function hostedCheckoutRefusal(error: SimulatorError): string {
  return page('Payment failed', `<h1>Something went wrong</h1><p id="razorpay-error">${escape(error.body.error.description)}</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body>${body}</body></html>`;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
