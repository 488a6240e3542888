import type { ListResource, PaymentIntentResource } from '@payrail/contracts';
import type { Request } from 'express';
import { withAbsoluteLinks } from '../common/expanded-links.js';

/** The intent as the caller sees it: the 3D Secure link (and any expanded object's links) made absolute for this edge. */
export function paymentIntentResponse(intent: PaymentIntentResource, req: Request): PaymentIntentResource {
  return withAbsoluteLinks(intent, req);
}

export function paymentIntentListResponse(list: ListResource<PaymentIntentResource>, req: Request): ListResource<PaymentIntentResource> {
  return { ...list, data: list.data.map((intent) => paymentIntentResponse(intent, req)) };
}
