import type { ListResource, PaymentIntentResource } from '@payrail/contracts';
import type { Request } from 'express';
import { absoluteUrl } from '../common/public-url.js';

/** The intent as the caller sees it: the 3D Secure link made absolute for this edge. */
export function paymentIntentResponse(intent: PaymentIntentResource, req: Request): PaymentIntentResource {
  if (!intent.next_action) return intent;
  const { redirect_to_url: redirect } = intent.next_action;
  return { ...intent, next_action: { ...intent.next_action, redirect_to_url: { ...redirect, url: absoluteUrl(redirect.url, req) } } };
}

export function paymentIntentListResponse(list: ListResource<PaymentIntentResource>, req: Request): ListResource<PaymentIntentResource> {
  return { ...list, data: list.data.map((intent) => paymentIntentResponse(intent, req)) };
}
