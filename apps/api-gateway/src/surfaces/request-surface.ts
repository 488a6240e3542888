import { isSignedRequest } from '../request-signing/signed-request-headers.js';
import { isSharedTransactionsPath } from './gateway-api/shared-paths.middleware.js';

/** Whose error body a request gets: a product document's surface, OAuth (RFC 6749 §5.2), or Payrail's own envelope. */
export type RequestSurface = 'gateway-api' | 'payment-engine' | 'mpesa-api' | 'oauth' | 'payrail';

export interface SurfaceRequest {
  method: string;
  path: string;
  header(name: string): string | undefined;
}

/** A path segment, as Express matches `:id`; a trailing slash is allowed as Express's non-strict routing does. */
const ID = '[^/]+';
const route = (pattern: string) => new RegExp(`^${pattern}/?$`, 'i');

/** The routes of the surfaces' controllers (surfaces/<document>/*.controller.ts), except the path two documents share. */
const SURFACE_ROUTES: ReadonlyArray<readonly [RegExp, RequestSurface]> = [
  [route('/api/v1/pay'), 'gateway-api'],
  [route(`/api/v1/transaction/${ID}`), 'gateway-api'],
  [route('/api/v1/gateway-api/transactions'), 'gateway-api'],
  [route('/api/v1/refund'), 'gateway-api'],
  [route('/api/v1/client/(profile|dashboard)'), 'gateway-api'],
  [route('/api/v1/api-keys/regenerate'), 'gateway-api'],
  [route('/api/v1/gateways(/health)?'), 'gateway-api'],
  [route(`/api/v1/accounts(/${ID}(/balance)?)?`), 'payment-engine'],
  [route(`/api/v1/transactions(/${ID}(/status)?)?`), 'payment-engine'],
  [/^\/api\/payment\//i, 'mpesa-api'],
];

/**
 * The surface whose filter would answer `req` once routed, decided from what is known before routing (so
 * that refusals made in middleware answer in the same body): its path and, for `GET /api/v1/transactions`,
 * its authentication scheme, as routeSignedTransactionListToGatewayApi decides. Paths that no surface
 * serves, `/api/v1/auth/*` included, are Payrail's.
 */
export function surfaceOf(req: SurfaceRequest): RequestSurface {
  if (req.path.startsWith('/oauth/')) return 'oauth';
  if (req.method === 'GET' && isSharedTransactionsPath(req.path) && isSignedRequest((name) => req.header(name))) return 'gateway-api';
  return SURFACE_ROUTES.find(([pattern]) => pattern.test(req.path))?.[1] ?? 'payrail';
}
