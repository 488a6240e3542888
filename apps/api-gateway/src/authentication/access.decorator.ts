import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { RouteScope } from '@payrail/contracts';

/** The metadata the policy is kept under, read by the authentication guard and the API reference. */
export const IS_PUBLIC = 'payrail:public';
export const REQUIRED_SCOPE = 'payrail:required-scope';
export const ALLOWS_PUBLISHABLE_KEY = 'payrail:allows-publishable-key';

/**
 * A route's (or a controller's) authentication policy:
 * - `public`: anyone may call it (health, docs, hosted pages); nothing else applies.
 * - `scope`: the OAuth scope an access token needs (see `OAuthScopes`). API keys are not scoped. A route
 *   that declares none cannot be called with an access token at all. An operator's scope (`OperatorScopes`)
 *   is more: only an access token carrying it may call the route, never an API key or a signed request,
 *   which are the merchant's own credentials.
 * - `publishableKey`: client-side code may call it with a publishable key, as Stripe allows: creating a
 *   PaymentMethod, and retrieving or confirming a PaymentIntent with its client secret (the handler must
 *   check that, see client-secret.ts). Every other route refuses publishable keys.
 * Every route is authenticated unless it says `public`.
 */
export type AccessPolicy =
  | { public: true; scope?: never; publishableKey?: never }
  | { public?: never; scope: RouteScope; publishableKey?: true }
  | { public?: never; scope?: RouteScope; publishableKey: true };

/** Declares a route's policy in one place; sets only the keys it names, so a method refines its class. */
export function Access(policy: AccessPolicy) {
  const decorators = [];
  if (policy.public) decorators.push(SetMetadata(IS_PUBLIC, true));
  if (policy.scope) decorators.push(SetMetadata(REQUIRED_SCOPE, policy.scope));
  if (policy.publishableKey) decorators.push(SetMetadata(ALLOWS_PUBLISHABLE_KEY, true));
  return applyDecorators(...decorators);
}
