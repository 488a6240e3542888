/**
 * The OAuth scopes an access token can carry, and what each lets its holder do at the edge:
 *
 * - `payments:read`    read payment intents, charges, payment methods, customers, refunds, disputes and events,
 *                      the balance and balance transactions
 * - `payments:write`   create, update, confirm, capture and cancel payment intents; create, attach and
 *                      detach payment methods
 * - `refunds:write`    create refunds; give dispute evidence and close disputes
 * - `customers:write`  create, update and delete customers
 * - `webhooks:manage`  create, list, read and delete webhook endpoints
 * - `accounts:read`    read the merchant's account and the gateways it can route to, its ledger accounts
 *                      (`/v1/accounts`) and their transfers
 * - `transfers:write`  create and update ledger accounts, create account-to-account transfers
 * - `credentials:manage`  create, list, roll and revoke the merchant's API keys, OAuth clients and signing keys,
 *                      and manage its gateway accounts
 * - `users:manage`     add, list, change the role of and remove the merchant's dashboard users
 *
 * The last two are administrative (`AdministrativeScopes`): the owner's sessions carry them, OAuth clients
 * only when given them, as a credential or a user outlives the token that made it.
 *
 * A client asks for a space-separated subset (RFC 6749 §3.3); asking for none grants all that the client
 * is allowed. API keys are not scoped: a secret key may do everything. Scopes are never renamed.
 */
export const OAuthScopes = [
  'payments:read',
  'payments:write',
  'refunds:write',
  'customers:write',
  'webhooks:manage',
  'accounts:read',
  'transfers:write',
  'credentials:manage',
  'users:manage',
] as const;

export type OAuthScope = (typeof OAuthScopes)[number];

/** Scopes that manage who may act for the merchant: only owners have them unless given explicitly. */
export const AdministrativeScopes: readonly OAuthScope[] = ['credentials:manage', 'users:manage'];

/**
 * Scopes that belong to the platform's operator, not to the merchant, although the token acts on one
 * merchant: `pricing:manage` replaces the merchant's pricing plan (`POST /v1/pricing_plan`), i.e. what the
 * merchant pays Payrail. They are outside `OAuthScopes` on purpose: no role, no merchant-created OAuth client
 * and no API key (API keys are the merchant's, and unscoped) ever carries one; only an OAuth client that the
 * operator creates for the merchant with auth's `operator-client-cli` may ask for it.
 */
export const OperatorScopes = ['pricing:manage'] as const;

export type OperatorScope = (typeof OperatorScopes)[number];

/** What a route may require of an access token. */
export type RouteScope = OAuthScope | OperatorScope;

export function isOperatorScope(value: unknown): value is OperatorScope {
  return typeof value === 'string' && (OperatorScopes as readonly string[]).includes(value);
}

export function isOAuthScope(value: unknown): value is OAuthScope {
  return typeof value === 'string' && (OAuthScopes as readonly string[]).includes(value);
}

/** The audience of every access token Payrail issues: its API, as the edge serves it. */
export const ACCESS_TOKEN_AUDIENCE = 'payrail-api';

/** RFC 9068 access tokens: signed with ES256 only, and typed so that no other JWT passes for one. */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
export const ACCESS_TOKEN_TYPE = 'at+jwt';
