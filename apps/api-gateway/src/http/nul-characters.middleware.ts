import type { NextFunction, Request, Response } from 'express';
import { PayrailError, toErrorEnvelope } from '@payrail/errors';
import type { EdgeRequest } from './request-id.middleware.js';

const NUL = '\u0000';

/** Where a NUL character was found: `param` in Stripe's bracket notation, absent for the path. */
export interface NulCharacterFinding {
  param?: string;
}

/**
 * The first NUL character (U+0000) in the request's path, query or body, or null. Postgres text cannot
 * hold one, so no parameter can legitimately carry it.
 */
export function findNulCharacter(req: { path: string; query: unknown; body: unknown }): NulCharacterFinding | null {
  if (/%00/i.test(req.path) || req.path.includes(NUL)) return {};
  return findIn(req.query, '') ?? findIn(req.body, '');
}

function findIn(value: unknown, at: string): NulCharacterFinding | null {
  if (typeof value === 'string') return value.includes(NUL) ? (at ? { param: at } : {}) : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, nested] of Object.entries(value)) {
    const name = key.replaceAll(NUL, '\\u0000');
    const path = at ? `${at}[${name}]` : name;
    if (key.includes(NUL)) return { param: path };
    const found = findIn(nested, path);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a request with a NUL character anywhere in its parameters with a 400, before it reaches a
 * service whose database would otherwise fail on it (a 500). The OAuth endpoints answer in OAuth's
 * error format (RFC 6749 §5.2), the rest in Payrail's envelope.
 */
export function refuseNulCharacters(req: Request, res: Response, next: NextFunction): void {
  const found = findNulCharacter(req);
  if (!found) return next();
  const message = `${found.param ? `Invalid ${found.param}: p` : 'P'}arameters cannot contain the NUL character (\\u0000).`;
  if (req.path.startsWith('/oauth/')) {
    res.status(400).setHeader('Cache-Control', 'no-store').json({ error: 'invalid_request', error_description: message });
    return;
  }
  const envelope = toErrorEnvelope(new PayrailError('parameter_invalid', message, { param: found.param }), (req as EdgeRequest).requestId);
  res.status(envelope.status).json(envelope.body);
}
