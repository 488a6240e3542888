import { Inject, Injectable } from '@nestjs/common';
import type { Caller, CircuitState, GatewayHealthResource, GatewayWindowHealth, ListResource } from '@payrail/contracts';
import { AuthorizationAttemptsRepository, type WindowStats } from '../failover/authorization-attempts.repository.js';
import { CIRCUIT_CLOCK, CircuitBreaker } from '../failover/circuit-breaker.js';
import { GatewayAccountsRepository } from '../gateway-accounts/gateway-accounts.repository.js';
import { GatewayProbesRepository, type LatestProbe } from './gateway-probes.repository.js';

const MINUTE_MS = 60_000;
/** Under this share of answered calls over 5 minutes an account is `degraded`. */
export const DEGRADED_BELOW = 0.95;

/** How each of the caller's gateway accounts has been doing, from the calls Payrail made through it and its light probes. */
@Injectable()
export class GatewayHealthService {
  constructor(
    private readonly accounts: GatewayAccountsRepository,
    private readonly attempts: AuthorizationAttemptsRepository,
    private readonly breaker: CircuitBreaker,
    private readonly probes: GatewayProbesRepository,
    @Inject(CIRCUIT_CLOCK) private readonly now: () => Date,
  ) {}

  async list(caller: Caller): Promise<ListResource<GatewayHealthResource>> {
    const accounts = await this.accounts.findAllOwned(caller);
    const data = await Promise.all(accounts.map((account) => this.health(account)));
    return { object: 'list', data, has_more: false, url: '/v1/gateways/health' };
  }

  private async health(account: { id: string; gateway: string; enabled: boolean }): Promise<GatewayHealthResource> {
    const now = this.now().getTime();
    const [circuit, last5, last60, minutes, probe] = await Promise.all([
      this.breaker.state(account.id),
      this.attempts.windowStats(account.id, new Date(now - 5 * MINUTE_MS)),
      this.attempts.windowStats(account.id, new Date(now - 60 * MINUTE_MS)),
      this.attempts.minutesUp(account.id, new Date(now - 24 * 60 * MINUTE_MS)),
      this.probes.latest(account.id),
    ]);
    const last5Minutes = windowHealth(last5);
    const { status, reason } = statusOf(circuit.state, probe, last5Minutes);
    return {
      object: 'gateway_health',
      gateway_account: account.id,
      gateway: account.gateway,
      enabled: account.enabled,
      status,
      reason,
      last_probe: probe ? { outcome: probe.outcome, latency_ms: probe.latencyMs, created: Math.floor(probe.probedAt.getTime() / 1000) } : null,
      circuit: { state: circuit.state, opened_at: circuit.openedAt ? Math.floor(circuit.openedAt.getTime() / 1000) : null },
      last_5_minutes: last5Minutes,
      last_60_minutes: windowHealth(last60),
      uptime_24h: minutes.minutes === 0 ? null : round((100 * minutes.up) / minutes.minutes),
    };
  }
}

type Status = Pick<GatewayHealthResource, 'status' | 'reason'>;

function statusOf(circuit: CircuitState, probe: LatestProbe | null, last5Minutes: GatewayWindowHealth): Status {
  if (circuit === 'open') return { status: 'down', reason: 'Its circuit is open: too many recent calls to it failed.' };
  // A payment's answer after the probe says more than the probe did.
  if (probe && probe.outcome !== 'answered' && !probe.calledSince) {
    return { status: 'down', reason: `Its latest probe failed (${probe.outcome}): ${probe.reason ?? 'no reason given'}` };
  }
  if (circuit === 'half_open') return { status: 'degraded', reason: 'Its circuit is half-open: a few calls test whether it recovered.' };
  const rate = last5Minutes.success_rate;
  if (rate !== null && rate < DEGRADED_BELOW) return { status: 'degraded', reason: `Only ${round(100 * rate)} % of calls succeeded over the last 5 minutes.` };
  return { status: 'operational', reason: null };
}

function windowHealth(stats: WindowStats): GatewayWindowHealth {
  return {
    attempts: stats.attempts,
    success_rate: stats.attempts === 0 ? null : round(stats.successes / stats.attempts, 4),
    latency_ms: { p50: stats.p50, p95: stats.p95 },
  };
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
