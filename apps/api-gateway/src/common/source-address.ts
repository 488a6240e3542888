import type { Request } from 'express';

/**
 * The caller's IP address, which the auth service throttles failed logins and client secrets by: the
 * connection's peer, or the address that proxies trusted through PAYRAIL_TRUST_PROXY (off by default)
 * forwarded, so that nobody can choose their own by sending X-Forwarded-For.
 */
export function sourceAddressOf(req: Request): string {
  // Express has no address only for a connection already gone, whose answer nobody will read.
  return req.ip ?? req.socket.remoteAddress ?? '0.0.0.0';
}
