import { Inject, Injectable } from '@nestjs/common';
import type { Caller, GatewayHealthResource, GatewayWindowHealth, ListResource } from '@payrail/contracts';
import { AuthorizationAttemptsRepository, type WindowStats } from '../failover/authorization-attempts.repository.js';
import { CIRCUIT_CLOCK, CircuitBreaker } from '../failover/circuit-breaker.js';
import { GatewayAccountsRepository } from '../gateway-accounts/gateway-accounts.repository.js';

const MINUTE_MS = 60_000;
/** Under this share of answered calls over 5 minutes an account is `degraded`. */
export const DEGRADED_BELOW = 0.95;

/** How each of the caller's gateway accounts has been doing, from the calls Payrail made through it. */
@Injectable()
export class GatewayHealthService {
  constructor(
    private readonly accounts: GatewayAccountsRepository,
    private readonly attempts: AuthorizationAttemptsRepository,
    private readonly breaker: CircuitBreaker,
    @Inject(CIRCUIT_CLOCK) private readonly now: () => Date,
  ) {}

  async list(caller: Caller): Promise<ListResource<GatewayHealthResource>> {
    const accounts = await this.accounts.findAllOwned(caller);
    const data = await Promise.all(accounts.map((account) => this.health(account)));
    return { object: 'list', data, has_more: false, url: '/v1/gateways/health' };
  }

  private async health(account: { id: string; gateway: string; enabled: boolean }): Promise<GatewayHealthResource> {
    const now = this.now().getTime();
    const [circuit, last5, last60, minutes] = await Promise.all([
      this.breaker.state(account.id),
      this.attempts.windowStats(account.id, new Date(now - 5 * MINUTE_MS)),
      this.attempts.windowStats(account.id, new Date(now - 60 * MINUTE_MS)),
      this.attempts.minutesUp(account.id, new Date(now - 24 * 60 * MINUTE_MS)),
    ]);
    const last5Minutes = windowHealth(last5);
    const status =
      circuit.state === 'open' ? 'down' : circuit.state === 'half_open' || (last5Minutes.success_rate !== null && last5Minutes.success_rate < DEGRADED_BELOW) ? 'degraded' : 'operational';
    return {
      object: 'gateway_health',
      gateway_account: account.id,
      gateway: account.gateway,
      enabled: account.enabled,
      status,
      circuit: { state: circuit.state, opened_at: circuit.openedAt ? Math.floor(circuit.openedAt.getTime() / 1000) : null },
      last_5_minutes: last5Minutes,
      last_60_minutes: windowHealth(last60),
      uptime_24h: minutes.minutes === 0 ? null : round((100 * minutes.up) / minutes.minutes),
    };
  }
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
