import type { Request } from 'express';

/** Stripe's API version format: a release date, optionally with the release's name (`2025-03-31.basil`). */
const VERSION = /^(\d{4}-\d{2}-\d{2})(\.[a-z]+)?$/;

/** The version Stripe dropped `PaymentIntent.charges` in; clients pinned to an earlier one still read it. */
const CHARGES_LIST_REMOVED = '2022-11-15';
const LATEST = '9999-12-31';

/**
 * Which `charges` list a PaymentIntent carries for this request:
 * - `document`: no `Stripe-Version` sent, as in the Payment Service document's examples, which read
 *   `charges.data[].payment_method.card` — the list is present and each charge names its card there;
 * - `stripe`: pinned to a version before 2022-11-15 — the list as Stripe returned it then;
 * - `none`: pinned to 2022-11-15 or later (the official SDKs send their version), as Stripe answers today.
 */
export type ChargesListView = 'document' | 'stripe' | 'none';

export function chargesListViewFor(req: Request): ChargesListView {
  const version = requestedVersion(req);
  if (version === undefined) return 'document';
  return version < CHARGES_LIST_REMOVED ? 'stripe' : 'none';
}

/** The release date of the `Stripe-Version` header, if sent; one Payrail cannot read counts as the latest. */
export function requestedVersion(req: Request): string | undefined {
  const header = req.headers['stripe-version'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  return VERSION.exec(value)?.[1] ?? LATEST;
}
