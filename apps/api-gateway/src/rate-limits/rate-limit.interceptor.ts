import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { isExempt } from './rate-limit-classes.js';
import { rateLimitedError } from './rate-limited.error.js';
import { RateLimiter, setRateLimitHeaders, type RateLimitedRequest } from './rate-limiter.js';

/**
 * Runs after authentication (guards come before interceptors) and before the idempotency interceptor, so
 * that a refused request neither reaches a handler nor takes an idempotency key.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limiter: RateLimiter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & RateLimitedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    req.rateLimitChecked = true;
    if (isExempt(req.path)) return next.handle();
    return from(this.limiter.admit(req)).pipe(
      mergeMap((decision) => {
        setRateLimitHeaders(res, decision);
        if (!decision.allowed) throw rateLimitedError(decision);
        return next.handle();
      }),
    );
  }
}
