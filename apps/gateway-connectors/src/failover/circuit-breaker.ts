import { Inject, Injectable } from '@nestjs/common';
import type { CircuitState } from '@payrail/contracts';

/** When a gateway account's circuit opens, and for how long. */
export interface CircuitBreakerPolicy {
  /** The failures judged are those of the last `windowMs` (and since the circuit last closed). */
  windowMs: number;
  /** Fewer calls than this in the window never open the circuit. */
  minAttempts: number;
  /** Opens at this share of failed calls or more. */
  failureRatio: number;
  /** How long an open circuit refuses every call before letting one probe through. */
  openMs: number;
  /** How long one probe holds the half-open circuit; a prober that dies frees it after this. */
  probeLeaseMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER_POLICY: CircuitBreakerPolicy = { windowMs: 60_000, minAttempts: 20, failureRatio: 0.5, openMs: 30_000, probeLeaseMs: 30_000 };
export const CIRCUIT_BREAKER_POLICY = Symbol('CIRCUIT_BREAKER_POLICY');
/** `() => Date`: the breaker's clock, so that specs need not wait 30 seconds. */
export const CIRCUIT_CLOCK = Symbol('CIRCUIT_CLOCK');

export interface CircuitRow {
  /** Null: closed. */
  openedAt: Date | null;
  probeUntil: Date | null;
  closedAt: Date;
}

/** Where the circuits live: shared by every replica (the database), or in memory for unit specs. */
export abstract class CircuitStore {
  abstract read(gatewayAccountId: string): Promise<CircuitRow | null>;
  /** Takes the single probe of a half-open circuit if nobody holds it: true for exactly one caller. */
  abstract claimProbe(gatewayAccountId: string, now: Date, until: Date): Promise<boolean>;
  /** Opens a closed circuit (`onlyIfClosed`), or reopens it after a failed probe. */
  abstract open(gatewayAccountId: string, now: Date, onlyIfClosed: boolean): Promise<void>;
  abstract close(gatewayAccountId: string, now: Date): Promise<void>;
  /** Real calls to the account since `since` and how many of them failed. */
  abstract failuresSince(gatewayAccountId: string, since: Date): Promise<{ attempts: number; failures: number }>;
}

/** What the breaker let a call do: go ahead (`closed`), go as the one probe of a half-open circuit, or not at all. */
export type Admission = 'closed' | 'probe' | 'refused';

/**
 * One circuit per gateway account, kept in the database so every replica sees the same one. Cheap on
 * the hot path: a call costs one primary-key read; a success in a closed circuit writes nothing; only a
 * failure counts the window (an indexed range of the attempts already recorded).
 */
@Injectable()
export class CircuitBreaker {
  constructor(
    private readonly store: CircuitStore,
    @Inject(CIRCUIT_BREAKER_POLICY) private readonly policy: CircuitBreakerPolicy,
    @Inject(CIRCUIT_CLOCK) private readonly now: () => Date,
  ) {}

  async admit(gatewayAccountId: string): Promise<Admission> {
    const row = await this.store.read(gatewayAccountId);
    if (!row?.openedAt) return 'closed';
    const now = this.now();
    if (now.getTime() < row.openedAt.getTime() + this.policy.openMs) return 'refused';
    const claimed = await this.store.claimProbe(gatewayAccountId, now, new Date(now.getTime() + this.policy.probeLeaseMs));
    return claimed ? 'probe' : 'refused';
  }

  /** After a call the breaker admitted (the attempt is already recorded): a probe closes or reopens; a failure may open. */
  async settle(gatewayAccountId: string, admission: Exclude<Admission, 'refused'>, healthy: boolean): Promise<void> {
    const now = this.now();
    if (admission === 'probe') {
      await (healthy ? this.store.close(gatewayAccountId, now) : this.store.open(gatewayAccountId, now, false));
      return;
    }
    if (healthy) return;
    const row = await this.store.read(gatewayAccountId);
    const windowStart = Math.max(now.getTime() - this.policy.windowMs, row?.closedAt.getTime() ?? 0);
    const { attempts, failures } = await this.store.failuresSince(gatewayAccountId, new Date(windowStart));
    if (attempts >= this.policy.minAttempts && failures >= attempts * this.policy.failureRatio) await this.store.open(gatewayAccountId, now, true);
  }

  async state(gatewayAccountId: string): Promise<{ state: CircuitState; openedAt: Date | null }> {
    const row = await this.store.read(gatewayAccountId);
    if (!row?.openedAt) return { state: 'closed', openedAt: null };
    const open = this.now().getTime() < row.openedAt.getTime() + this.policy.openMs;
    return { state: open ? 'open' : 'half_open', openedAt: row.openedAt };
  }
}
