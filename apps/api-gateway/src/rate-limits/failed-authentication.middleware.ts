import { Injectable, type NestMiddleware } from '@nestjs/common';
import { toErrorEnvelope } from '@payrail/errors';
import type { NextFunction, Request, Response } from 'express';
import type { EdgeRequest } from '../http/request-id.middleware.js';
import { isExempt } from './rate-limit-classes.js';
import { rateLimitedError } from './rate-limited.error.js';
import { RateLimiter, retryAfterSeconds, setRateLimitHeaders, type RateLimitedRequest } from './rate-limiter.js';

/**
 * Key guessing: a 401 from the edge's authentication (the request never reached a handler) spends one
 * token of the source address's `failed_authentication` bucket, and a source whose bucket is empty is
 * refused before its credentials are checked. A 401 from a handler (a bad client secret on /oauth/token)
 * is the auth service's login throttle's to count.
 */
@Injectable()
export class FailedAuthenticationLimit implements NestMiddleware {
  constructor(private readonly limiter: RateLimiter) {}

  async use(req: Request & RateLimitedRequest, res: Response, next: NextFunction): Promise<void> {
    if (isExempt(req.path)) return next();
    const decision = await this.limiter.peekFailedAuthentications(req);
    setRateLimitHeaders(res, decision);
    if (!decision.allowed) {
      const { status, body } = toErrorEnvelope(rateLimitedError(decision), (req as Partial<EdgeRequest>).requestId);
      res.setHeader('Retry-After', String(retryAfterSeconds(decision)));
      res.status(status).json(body);
      return;
    }
    res.once('finish', () => {
      if (res.statusCode === 401 && !req.rateLimitChecked) void this.limiter.countFailedAuthentication(req);
    });
    next();
  }
}
