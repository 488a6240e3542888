import { Inject, Injectable } from '@nestjs/common';
import { PayrailError } from '@payrail/errors';
import { PeriodicTask } from '@payrail/persistence';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../config/gateway-connectors.config.js';
import { GatewayOutcomeUnknownError, GatewayUnreachableError } from '../http/gateway-http-client.js';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import { GatewayProbesRepository, type IdleAccount, type ProbeOutcome } from './gateway-probes.repository.js';

/**
 * Light health probes: an enabled gateway account that no payment called for one interval gets one
 * cheap authenticated read (the connector's `probe`, through the one GatewayHttpClient), so that
 * `/v1/gateways/health` notices a gateway gone down or a key revoked before a customer does. Accounts
 * with traffic are judged by it and never probed; replicas share one schedule, so an idle account is
 * probed once per interval. A probe counts into status and uptime, never into payment success rates.
 */
@Injectable()
export class GatewayProber extends PeriodicTask {
  private readonly probeIntervalMs: number;

  constructor(
    private readonly probes: GatewayProbesRepository,
    @Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry,
    @Inject(GATEWAY_CONNECTORS_CONFIG) config: Pick<GatewayConnectorsConfig, 'probeIntervalMs'>,
  ) {
    // Passes come more often than probes, so that an account falls due at most a fifth of an interval late.
    super(GatewayProber.name, Math.max(config.probeIntervalMs / 5, 1000));
    this.probeIntervalMs = config.probeIntervalMs;
  }

  override onApplicationBootstrap(): void {
    if (this.probeIntervalMs > 0) super.onApplicationBootstrap();
  }

  /** Probes the accounts due now; returns how many it probed. */
  override async runOnce(): Promise<number> {
    const now = new Date();
    const idle = await this.probes.idleAccounts(new Date(now.getTime() - this.probeIntervalMs));
    let probed = 0;
    for (const account of idle) {
      if (this.stopped) break;
      if (!(await this.probes.claim(account.id, new Date(), new Date(Date.now() + this.probeIntervalMs)))) continue;
      if (await this.probe(account)) probed += 1;
    }
    await this.probes.purge(now);
    return probed;
  }

  /** False when the account's gateway has nothing to probe (the sandbox). */
  private async probe(account: IdleAccount): Promise<boolean> {
    const probedAt = new Date();
    const started = performance.now();
    let outcome: ProbeOutcome = 'answered';
    let reason: string | null = null;
    try {
      const connector = await this.registry.connectorFor({ merchantId: account.merchantId, livemode: account.livemode }, { gateway: account.gateway, gatewayAccountId: account.id });
      if (!connector.probe) return false;
      await connector.probe();
    } catch (error) {
      outcome = probeOutcomeOf(error);
      reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Probe of ${account.gateway} account ${account.id} failed (${outcome}): ${reason}`);
    }
    await this.probes.record({ gatewayAccountId: account.id, outcome, reason, latencyMs: performance.now() - started, probedAt });
    return true;
  }
}

function probeOutcomeOf(error: unknown): Exclude<ProbeOutcome, 'answered'> {
  if (error instanceof PayrailError && error.code === 'gateway_credentials_refused') return 'credentials_refused';
  if (error instanceof GatewayUnreachableError) return 'unreachable';
  if (error instanceof GatewayOutcomeUnknownError) return 'outcome_unknown';
  return 'error';
}
