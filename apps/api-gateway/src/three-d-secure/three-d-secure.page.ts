import type { AuthenticationPageView } from '@payrail/contracts';
import { Money } from '@payrail/domain';
import { escapeHtml } from '../common/html.js';

/** The simulated issuer page: one form, two buttons, the token carried in a hidden field (plain HTML, no script). */
export function authenticationPage(view: AuthenticationPageView, token: string): string {
  const action = `/v1/3ds/${encodeURIComponent(view.payment_intent)}`;
  return `<h1>Confirm this payment</h1>
<p class="note">${view.livemode ? '' : 'Test mode: this page simulates your bank\'s 3D Secure check.'}</p>
<p class="amount">${escapeHtml(Money.format(view.amount, view.currency))}</p>
<form method="post" action="${escapeHtml(action)}">
  <input type="hidden" name="token" value="${escapeHtml(token)}">
  <button class="primary" type="submit" name="outcome" value="complete">Complete authentication</button>
  <button type="submit" name="outcome" value="fail">Fail authentication</button>
</form>`;
}

/** Shown when the payment was started without a return_url: there is nowhere to send the customer back to. */
export function authenticationDonePage(succeeded: boolean): string {
  return `<h1>${succeeded ? 'Authentication complete' : 'Authentication failed'}</h1>
<p>${succeeded ? 'You can close this window and return to the merchant.' : 'The payment was not authorised. You can close this window and try again.'}</p>`;
}

export function authenticationLinkInvalidPage(): string {
  return `<h1>This link is no longer valid</h1>
<p>The authentication link is invalid, expired or has already been used.</p>`;
}
