import type { NextFunction, Request, Response } from 'express';
import { isSignedRequest } from '../../request-signing/signed-request-headers.js';

/** Where the gateway API document's `GET /transactions` is mounted, since the Payment Engine document owns the path too. */
export const GATEWAY_API_TRANSACTIONS_ROUTE = 'api/v1/gateway-api/transactions';
const SHARED_PATH = '/api/v1/transactions';

/**
 * Two documents claim `GET /api/v1/transactions`: the gateway API's (HMAC-signed requests only) and the
 * Payment Engine's (API keys and access tokens). The request's authentication scheme decides: a signed
 * request is routed to the gateway API's list. Only the route changes: `originalUrl`, which the
 * signature covers and the request log records, stays as the client sent it.
 */
export function routeSignedTransactionListToGatewayApi(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'GET' && isSignedRequest((name) => req.header(name)) && isSharedTransactionsPath(req.url)) {
    const queryAt = req.url.indexOf('?');
    req.url = `/${GATEWAY_API_TRANSACTIONS_ROUTE}${queryAt < 0 ? '' : req.url.slice(queryAt)}`;
  }
  next();
}

/** Whether `url` (query string allowed) is the path both documents claim. */
export function isSharedTransactionsPath(url: string): boolean {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  return path === SHARED_PATH || path === `${SHARED_PATH}/`;
}
