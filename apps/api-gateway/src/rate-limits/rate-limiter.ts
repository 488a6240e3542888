import { Injectable, Optional } from '@nestjs/common';
import { ServiceMetrics } from '@payrail/messaging';
import { throttledSourceOf } from '@payrail/domain';
import type { Request, Response } from 'express';
import { sourceAddressOf } from '../common/source-address.js';
import { principalClassOf, RATE_LIMIT_CLASS_NAMES, type RateLimitClass } from './rate-limit-classes.js';
import { RateLimitPolicy } from './rate-limit-policy.js';
import { principalOf } from './principal.js';
import { BucketStore, type BucketAnswer } from './token-bucket.js';

export interface RateLimitedRequest {
  /** Set once the request reached a handler's rate limit (authentication let it through). */
  rateLimitChecked?: boolean;
}

export interface RateLimitDecision extends BucketAnswer {
  name: RateLimitClass;
}

const KEY_PREFIX = 'payrail:rl';

/** Takes a request's token from the right bucket: its principal's for its class, or its source address's. */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly store: BucketStore,
    private readonly policy: RateLimitPolicy,
    @Optional() private readonly metrics?: ServiceMetrics,
  ) {
    metrics?.rateLimitsDeclared(RATE_LIMIT_CLASS_NAMES);
  }

  /** After authentication: a principal's bucket for the route's class, or the source's for a public route. */
  async admit(req: Request): Promise<RateLimitDecision> {
    const principal = principalOf(req);
    const merchantId = (req as Request & { caller?: { merchantId: string } }).caller?.merchantId;
    const name = principal ? principalClassOf(req.method, req.path) : 'unauthenticated';
    const subject = principal ?? sourceOf(req);
    return this.refusalsCounted(await this.take(name, subject, 1, merchantId));
  }

  /** Before authentication: whether the source still has refused authentications to spend (nothing taken). */
  async peekFailedAuthentications(req: Request): Promise<RateLimitDecision> {
    return this.refusalsCounted(await this.take('failed_authentication', sourceOf(req), 0));
  }

  countFailedAuthentication(req: Request): Promise<RateLimitDecision> {
    return this.take('failed_authentication', sourceOf(req), 1);
  }

  /** For the two decisions that refuse a request (counting a failed authentication refuses nothing). */
  private refusalsCounted(decision: RateLimitDecision): RateLimitDecision {
    if (!decision.allowed) this.metrics?.rateLimitRefused(decision.name);
    return decision;
  }

  private async take(name: RateLimitClass, subject: string, cost: number, merchantId?: string): Promise<RateLimitDecision> {
    const answer = await this.store.take(`${KEY_PREFIX}:${name}:${subject}`, this.policy.perMinute(name, merchantId), cost);
    return { ...answer, name };
  }
}

function sourceOf(req: Request): string {
  return `source:${throttledSourceOf(sourceAddressOf(req))}`;
}

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): on every response. */
export function setRateLimitHeaders(res: Response, decision: BucketAnswer): void {
  if (res.headersSent) return;
  res.setHeader('RateLimit-Limit', String(decision.limit));
  res.setHeader('RateLimit-Remaining', String(decision.remaining));
  res.setHeader('RateLimit-Reset', String(Math.ceil(decision.resetMs / 1000)));
}

export function retryAfterSeconds(decision: BucketAnswer): number {
  return Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
}
