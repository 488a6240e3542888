import type { CheckoutPageView } from '@payrail/contracts';
import { escapeHtml } from '../common/html.js';
import type { CheckoutDocument } from './checkout-html.js';
import { formatAmount } from './checkout-format.js';

export interface CheckoutPageContext {
  merchantName: string;
  locale: string;
  csrf: string;
  /** A problem with the last submission, said above the form. */
  error?: string;
}

/** The card form's fields (M-Pesa has a form of its own, see mpesaForm). */
const METHOD_SECTIONS: Record<string, () => string> = {
  card: () => `<fieldset>
<legend>Card details</legend>
<label for="card_number">Card number</label>
<input id="card_number" name="card_number" type="text" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" maxlength="23" required>
<div class="row">
<div><label for="card_exp">Expiry (MM / YY)</label>
<input id="card_exp" name="card_exp" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" maxlength="7" required></div>
<div><label for="card_cvc">Security code (CVC)</label>
<input id="card_cvc" name="card_cvc" type="text" inputmode="numeric" autocomplete="cc-csc" placeholder="123" maxlength="4" required></div>
</div>
<label for="cardholder">Name on card</label>
<input id="cardholder" name="cardholder" type="text" autocomplete="cc-name" maxlength="200">
</fieldset>`,
};

/**
 * Disables the button once the form is sent, so a double click sends one request (the server would
 * answer a second one with the first one's outcome anyway), and groups the card number in fours.
 */
const PAGE_SCRIPT = `(function(){var fs=document.querySelectorAll('form[data-pay]');
fs.forEach(function(f){var b=f.querySelector('button');f.addEventListener('submit',function(e){if(f.dataset.sent){e.preventDefault();return;}f.dataset.sent='1';b.disabled=true;b.setAttribute('aria-busy','true');b.textContent=b.dataset.busy;});
window.addEventListener('pageshow',function(e){if(e.persisted){delete f.dataset.sent;b.disabled=false;b.removeAttribute('aria-busy');b.textContent=b.dataset.label;}});});
var n=document.getElementById('card_number');if(n)n.addEventListener('input',function(){var d=n.value.replace(/\\D/g,'').slice(0,19);n.value=d.replace(/(\\d{4})(?=\\d)/g,'$1 ');});
var x=document.getElementById('card_exp');if(x)x.addEventListener('input',function(){var d=x.value.replace(/\\D/g,'').slice(0,4);x.value=d.length>2?d.slice(0,2)+' / '+d.slice(2):d;});})();`;

function header(view: CheckoutPageView, context: CheckoutPageContext): string {
  return `<header><p class="merchant">${escapeHtml(context.merchantName)}${view.livemode ? '' : '<span class="badge">Test mode</span>'}</p></header>`;
}

function summary(view: CheckoutPageView, context: CheckoutPageContext): string {
  const money = (minor: number) => escapeHtml(formatAmount(minor, view.currency, context.locale));
  const items = view.line_items
    .map(
      (item) => `<li><div><div class="item-name">${escapeHtml(item.name)}</div>
${item.description ? `<div class="item-meta">${escapeHtml(item.description)}</div>` : ''}
<div class="item-meta">Qty ${item.quantity}${item.quantity > 1 ? ` × ${money(item.unit_amount)}` : ''}</div></div>
<div>${money(item.amount_total)}</div></li>`,
    )
    .join('\n');
  return `<section aria-labelledby="summary-heading">
<h1 id="summary-heading">Pay ${escapeHtml(context.merchantName)}</h1>
<p class="total" id="total">${money(view.amount_total)}</p>
<ul class="items" aria-label="Order summary">
${items}
</ul>
<dl class="totals"><dt>Subtotal</dt><dd>${money(view.amount_subtotal)}</dd><dt class="due">Total due</dt><dd class="due">${money(view.amount_total)}</dd></dl>
</section>`;
}

/** The open session's page: the order, then the form. Every echoed value is escaped (names are merchant text). */
export function checkoutPage(view: CheckoutPageView, context: CheckoutPageContext): CheckoutDocument {
  const total = formatAmount(view.amount_total, view.currency, context.locale);
  const error = context.error ?? view.last_error?.message;
  // A card routed to a gateway that takes it on its own page (Razorpay) is never typed here.
  const offersCard = view.payment_method_types.includes('card');
  const cardAtGateway = offersCard && view.paid_at_gateway.includes('card');
  const methods = view.payment_method_types
    .filter((type) => type in METHOD_SECTIONS && !(type === 'card' && cardAtGateway))
    .map((type) => METHOD_SECTIONS[type]())
    .join('\n');
  const emailField = (id: string) =>
    view.customer_email
      ? `<p class="hint">Receipt to ${escapeHtml(view.customer_email)}</p>`
      : `<label for="${id}">Email</label><input id="${id}" name="email" type="email" autocomplete="email" maxlength="512" required>`;
  const email = emailField('email');
  const hidden = `<input type="hidden" name="csrf" value="${escapeHtml(context.csrf)}">\n<input type="hidden" name="attempt" value="${view.attempt}">`;
  const action = `/checkout/${escapeHtml(encodeURIComponent(view.id))}/pay`;
  const gatewayCard = cardAtGateway ? gatewayCardForm(action, hidden, methods ? emailField('card_email') : email, total) : '';
  const mpesa = view.payment_method_types.includes('mpesa') ? mpesaForm(action, hidden, methods || gatewayCard ? emailField('mpesa_email') : email, total) : '';
  const upi = view.payment_method_types.includes('upi') ? upiForm(action, hidden, methods || gatewayCard || mpesa ? emailField('upi_email') : email, total) : '';
  const cancel = view.cancel_url ? `<a class="cancel" id="cancel" href="${escapeHtml(view.cancel_url)}">Cancel and return to ${escapeHtml(context.merchantName)}</a>` : '';
  const body = `${header(view, context)}
${summary(view, context)}
<section aria-labelledby="payment-heading">
<h2 id="payment-heading">Payment</h2>
${error ? `<div class="error" role="alert" id="payment-error">${escapeHtml(error)}</div>` : ''}
${methods ? `<form method="post" action="${action}" id="pay-form" data-pay>
${hidden}
${email}
${methods}
<button type="submit" id="pay-button" data-label="Pay ${escapeHtml(total)}" data-busy="Processing…">Pay ${escapeHtml(total)}</button>
</form>` : ''}
${gatewayCard}
${mpesa}
${upi}
${cancel}
</section>
<footer>${view.livemode ? '' : testModeHint(view.payment_method_types, cardAtGateway)}Payments by Payrail.</footer>`;
  return { title: `Pay ${context.merchantName}`, lang: context.locale, body, script: PAGE_SCRIPT, formTargets: originsOf(view.success_url) };
}

/** M-Pesa: the customer's number, then a prompt on their phone (see mpesa-waiting-page.ts). */
function mpesaForm(action: string, hidden: string, email: string, total: string): string {
  return `<form method="post" action="${action}" id="mpesa-form" data-pay>
${hidden}
<input type="hidden" name="method" value="mpesa">
${email}
<fieldset>
<legend>M-Pesa</legend>
<label for="mpesa_phone">M-Pesa phone number</label>
<input id="mpesa_phone" name="mpesa_phone" type="tel" inputmode="tel" autocomplete="tel" placeholder="0712 345 678" maxlength="20" required aria-describedby="mpesa-hint">
<p class="hint" id="mpesa-hint">You will get a prompt on this phone to enter your M-Pesa PIN.</p>
</fieldset>
<button type="submit" id="mpesa-button" data-label="Pay ${escapeHtml(total)} with M-Pesa" data-busy="Sending the prompt…">Pay ${escapeHtml(total)} with M-Pesa</button>
</form>`;
}

/** A completed session: paid (or authorised) already; nothing can be paid twice. */
export function completePage(view: CheckoutPageView, context: Pick<CheckoutPageContext, 'merchantName' | 'locale'>): CheckoutDocument {
  return {
    title: 'Payment complete',
    lang: context.locale,
    body: `${header(view, { ...context, csrf: '' })}
<h1 id="status-heading">Payment complete</h1>
<p>This order has been paid: ${escapeHtml(formatAmount(view.amount_total, view.currency, context.locale))}. You will not be charged again.</p>
<p><a id="continue" href="${escapeHtml(view.success_url)}">Return to ${escapeHtml(context.merchantName)}</a></p>`,
  };
}

export function expiredPage(view: CheckoutPageView, context: Pick<CheckoutPageContext, 'merchantName' | 'locale'>): CheckoutDocument {
  return {
    title: 'Checkout expired',
    lang: context.locale,
    body: `${header(view, { ...context, csrf: '' })}
<h1 id="status-heading">This checkout has expired</h1>
<p>Nothing was charged. Return to ${escapeHtml(context.merchantName)} to start again.</p>
${view.cancel_url ? `<p><a id="back" href="${escapeHtml(view.cancel_url)}">Return to ${escapeHtml(context.merchantName)}</a></p>` : ''}`,
  };
}

export function processingPage(view: CheckoutPageView, context: Pick<CheckoutPageContext, 'merchantName' | 'locale'>): CheckoutDocument {
  return {
    title: 'Processing payment',
    lang: context.locale,
    refreshSeconds: 2,
    body: `${header(view, { ...context, csrf: '' })}
<h1 id="status-heading" role="status">Your payment is being processed</h1>
<p>This page refreshes by itself. Please do not pay again.</p>`,
  };
}

export function missingPage(): CheckoutDocument {
  return { title: 'Checkout not found', lang: 'en', body: '<h1 id="status-heading">This checkout page does not exist</h1><p>Check the link you were given.</p>' };
}

export function staleFormPage(id: string): CheckoutDocument {
  return {
    title: 'Please try again',
    lang: 'en',
    body: `<h1 id="status-heading">Your session on this page has ended</h1><p>Nothing was charged. <a href="/checkout/${escapeHtml(encodeURIComponent(id))}">Reload the checkout page</a> and try again.</p>`,
  };
}

function testModeHint(types: readonly string[], cardAtGateway: boolean): string {
  const card = cardAtGateway ? 'use a test card such as 4111 1111 1111 1111' : 'use a test card such as 4242 4242 4242 4242';
  const hints = [...(types.includes('card') ? [card] : []), ...(types.includes('upi') ? ['for UPI, the UPI ID success@razorpay'] : [])];
  return hints.length ? `Test mode: ${hints.join('; ')}. ` : 'Test mode. ';
}

/** A card paid at Razorpay's Hosted Checkout: the customer types it there, so this form only sends them there. */
function gatewayCardForm(action: string, hidden: string, email: string, total: string): string {
  return `<form method="post" action="${action}" id="gateway-card-form" data-pay>
${hidden}
<input type="hidden" name="method" value="card_at_gateway">
${email}
<fieldset>
<legend>Card</legend>
<p class="hint" id="gateway-card-hint">You will enter your card on Razorpay's secure page.</p>
</fieldset>
<button type="submit" id="gateway-card-button" data-label="Pay ${escapeHtml(total)} by card" data-busy="Opening Razorpay…" aria-describedby="gateway-card-hint">Pay ${escapeHtml(total)} by card</button>
</form>`;
}

/** UPI: the customer gives their UPI ID at Razorpay's Hosted Checkout, so this form only sends them there. */
function upiForm(action: string, hidden: string, email: string, total: string): string {
  return `<form method="post" action="${action}" id="upi-form" data-pay>
${hidden}
<input type="hidden" name="method" value="upi">
${email}
<fieldset>
<legend>UPI</legend>
<p class="hint" id="upi-hint">You will enter your UPI ID (such as name@bank) on Razorpay's secure page, then approve the payment in your UPI app.</p>
</fieldset>
<button type="submit" id="upi-button" data-label="Pay ${escapeHtml(total)} with UPI" data-busy="Opening Razorpay…" aria-describedby="upi-hint">Pay ${escapeHtml(total)} with UPI</button>
</form>`;
}

export function originsOf(url: string): string[] {
  try {
    const origin = new URL(url).origin;
    return /^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin) ? [origin] : [];
  } catch {
    return [];
  }
}
