import type { CheckoutPageView } from '@payrail/contracts';
import { escapeHtml } from '../common/html.js';
import { formatAmount } from './checkout-format.js';
import type { CheckoutDocument } from './checkout-html.js';

export interface MpesaWaitingContext {
  merchantName: string;
  locale: string;
  paymentIntent: string;
  clientSecret: string;
  phoneLast4: string;
  /** `wss://…` (or `ws://`) of the edge: the page's only connection, allowed by its CSP. */
  streamOrigin: string;
}

/** The edge's origin as a WebSocket origin. */
export function streamOriginOf(publicBaseUrl: string): string {
  const url = new URL(publicBaseUrl);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

/**
 * Follows the PaymentIntent on `/v1/payment_intents/{id}/stream` (the session id and the client secret
 * are its credential): success goes on to success_url (through the page, which redirects a completed
 * session), a refusal says why and offers the form again; a lost stream is opened again, and after a few
 * failures the page hands over to the self-refreshing one.
 */
const WAITING_SCRIPT = `(function(){var w=document.getElementById('mpesa-wait');if(!w)return;var s=w.dataset,m=document.getElementById('mpesa-message'),h=document.getElementById('status-heading'),r=document.getElementById('mpesa-retry'),over=false,lost=0;
var page='/checkout/'+encodeURIComponent(s.session);
function fail(text){over=true;h.textContent='Payment not completed';m.textContent=text;m.className='error';m.setAttribute('role','alert');r.hidden=false;}
function open(){var ws=new WebSocket(s.stream+'/v1/payment_intents/'+encodeURIComponent(s.intent)+'/stream?checkout_session='+encodeURIComponent(s.session)+'&client_secret='+encodeURIComponent(s.secret));
ws.onmessage=function(e){var p;try{p=JSON.parse(e.data);}catch(x){return;}if(!p||p.object!=='payment_intent.status')return;lost=0;
if(p.status==='succeeded'||p.status==='requires_capture'){over=true;h.textContent='Payment received';m.textContent='Taking you back to the shop…';location.replace(page+'?redirect_status=succeeded');}
else if(p.status==='requires_payment_method'||p.status==='canceled'){fail(p.last_payment_error&&p.last_payment_error.message||'The M-Pesa payment was not completed.');}};
ws.onclose=function(){if(over)return;lost++;if(lost>4){location.replace(page);return;}setTimeout(open,500*lost);};}
open();})();`;

/** "Check your phone": the STK prompt is out; the page follows the payment live. */
export function mpesaWaitingPage(view: CheckoutPageView, context: MpesaWaitingContext): CheckoutDocument {
  const total = escapeHtml(formatAmount(view.amount_total, view.currency, context.locale));
  const phone = context.phoneLast4 ? ` ending in ${escapeHtml(context.phoneLast4)}` : '';
  const body = `<header><p class="merchant">${escapeHtml(context.merchantName)}${view.livemode ? '' : '<span class="badge">Test mode</span>'}</p></header>
<section id="mpesa-wait" aria-live="polite" data-session="${escapeHtml(view.id)}" data-intent="${escapeHtml(context.paymentIntent)}" data-secret="${escapeHtml(context.clientSecret)}" data-stream="${escapeHtml(context.streamOrigin)}">
<h1 id="status-heading">Check your phone</h1>
<p class="total">${total}</p>
<p id="mpesa-message" role="status">We sent an M-Pesa prompt to your phone${phone}. Enter your M-Pesa PIN there to pay ${escapeHtml(context.merchantName)}. Keep this page open.</p>
<p id="mpesa-retry" hidden><a href="/checkout/${escapeHtml(encodeURIComponent(view.id))}">Try again</a></p>
</section>
${view.cancel_url ? `<a class="cancel" id="cancel" href="${escapeHtml(view.cancel_url)}">Cancel and return to ${escapeHtml(context.merchantName)}</a>` : ''}`;
  return { title: 'Check your phone', lang: context.locale, body, script: WAITING_SCRIPT, connectSources: [context.streamOrigin] };
}
