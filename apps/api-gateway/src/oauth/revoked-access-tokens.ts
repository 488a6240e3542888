import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Patterns, type RevokedAccessTokensResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { MessageClient } from '@payrail/messaging';
import { CLOCK_TOLERANCE_SECONDS } from './clock-tolerance.js';

/** Revocations commit out of order: each poll asks again for this much before the last answer's time. */
const SINCE_OVERLAP_MS = 60_000;
/** Older than this, the list may be missing revocations: token requests are refused rather than trusted. */
export const STALE_AFTER_MS = 15_000;
/** A poll that has not answered by then gives way to the next one. */
const POLL_TIMEOUT_MS = 5_000;
export const DEFAULT_REVOCATION_POLL_MS = 2_000;

/** Time and timers, so that a test can move them by hand. */
export interface PollingClock {
  now(): number;
  /** Calls `tick` every `intervalMs` until the returned function is called. */
  every(intervalMs: number, tick: () => void): () => void;
}

export const systemClock: PollingClock = {
  now: () => Date.now(),
  every(intervalMs, tick) {
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** What the deny list judges a verified access token by. */
export interface AccessTokenIdentity {
  jti: string;
  sub: string;
  /** Unix seconds. */
  iat: number;
}

/**
 * The edge's deny list, polled from the auth service (every access token is otherwise checked without
 * asking it): access tokens revoked before their expiry, by `jti`, and revoked subjects (a revoked OAuth
 * client), whose tokens issued up to a moment are all refused. It fails closed: while the list has not
 * been refreshed for STALE_AFTER_MS, or before its first load, no access token is taken.
 */
export class RevokedAccessTokens implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RevokedAccessTokens');
  /** jti → the token's `exp` (unix seconds). */
  private readonly revoked = new Map<string, number>();
  /** sub → tokens issued up to `issuedUpTo` are refused; kept until `exp` (unix seconds both). */
  private readonly revokedSubjects = new Map<string, { issuedUpTo: number; exp: number }>();
  /** The auth service's clock at the last answer (unix ms); absent until the first load. */
  private asOf: number | undefined;
  /** Our clock at the last successful refresh. */
  private refreshedAt: number | undefined;
  private running: Promise<void> | undefined;
  private stopPolling: (() => void) | undefined;
  private failing = false;

  constructor(
    private readonly client: MessageClient,
    private readonly pollMs: number = DEFAULT_REVOCATION_POLL_MS,
    private readonly clock: PollingClock = systemClock,
  ) {}

  /** Starts polling without waiting for it: the auth service may not be up yet. */
  onModuleInit(): void {
    this.stopPolling = this.clock.every(this.pollMs, () => void this.poll());
    void this.poll();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopPolling?.();
    this.stopPolling = undefined;
    await this.running;
  }

  /**
   * Whether the token was revoked. Throws `service_unavailable` when the list cannot be trusted to be
   * current, so that a revoked token is never taken for lack of news.
   */
  isRevoked(token: AccessTokenIdentity): boolean {
    if (this.refreshedAt === undefined || this.clock.now() - this.refreshedAt > STALE_AFTER_MS) {
      throw new PayrailError(
        'service_unavailable',
        'Token revocation status is unavailable, so access tokens cannot be accepted right now. Retry in a few seconds, or use an API key.',
        { details: { retry_after: Math.max(1, Math.ceil(this.pollMs / 1000)) } },
      );
    }
    if (this.revoked.has(token.jti)) return true;
    const subject = this.revokedSubjects.get(token.sub);
    return subject !== undefined && token.iat <= subject.issuedUpTo;
  }

  /** One refresh at a time; a tick that finds one running leaves it be. Never rejects. */
  poll(): Promise<void> {
    this.running ??= this.refresh().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async refresh(): Promise<void> {
    // The answer is as fresh as the moment it was asked for, not as the moment it arrived.
    const askedAt = this.clock.now();
    try {
      const answer = await this.client.send(
        Patterns.AuthOAuthRevokedAccessTokens,
        this.asOf === undefined ? {} : { since: this.asOf - SINCE_OVERLAP_MS },
        { timeoutMs: POLL_TIMEOUT_MS },
      );
      this.merge(answer);
    } catch (error) {
      this.failing = true;
      this.logger.warn(`Refreshing the revoked access tokens failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.refreshedAt = askedAt;
    if (this.failing) this.logger.log('Revoked access tokens are refreshed again.');
    this.failing = false;
  }

  private merge(answer: RevokedAccessTokensResult): void {
    for (const { jti, exp } of answer.revoked) this.revoked.set(jti, exp);
    for (const { sub, issuedUpTo, exp } of answer.revokedSubjects) {
      const known = this.revokedSubjects.get(sub);
      this.revokedSubjects.set(sub, { issuedUpTo: Math.max(issuedUpTo, known?.issuedUpTo ?? issuedUpTo), exp: Math.max(exp, known?.exp ?? exp) });
    }
    const nowSeconds = this.clock.now() / 1000;
    for (const [jti, exp] of this.revoked) {
      if (exp + CLOCK_TOLERANCE_SECONDS < nowSeconds) this.revoked.delete(jti);
    }
    for (const [sub, { exp }] of this.revokedSubjects) {
      if (exp + CLOCK_TOLERANCE_SECONDS < nowSeconds) this.revokedSubjects.delete(sub);
    }
    this.asOf = answer.asOf;
  }
}
