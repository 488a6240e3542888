import type { PaymentIntentResource } from '@payrail/contracts';

/**
 * `use_stripe_sdk: true` on a confirmation (the Payment Service document sends it): the client's SDK handles
 * the next action itself, so 3-D Secure is answered as Stripe answers such clients — `next_action.type`
 * `use_stripe_sdk`, whose `stripe_js` is the page to open — rather than as a redirect. Only the confirmation's
 * own answer takes this form; the intent keeps its `redirect_to_url`, which later reads show.
 */
export function forStripeSdk(intent: PaymentIntentResource): PaymentIntentResource {
  const action = intent.next_action;
  if (action?.type !== 'redirect_to_url') return intent;
  const sdkAction = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: action.redirect_to_url.url, return_url: action.redirect_to_url.return_url } };
  return { ...intent, next_action: sdkAction as unknown as PaymentIntentResource['next_action'] };
}
