import { Controller, Get, Inject, Res } from '@nestjs/common';
import { BACKEND_SERVICES, PING_PATTERNS, type ServiceName } from '@payrail/contracts';
import { checkReadiness, databaseCheck, MESSAGE_BROKER, MessageClient, type MessageBroker } from '@payrail/messaging';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Access } from '../authentication/access.decorator.js';
import { LivenessResource, PlatformHealthResource, ReadinessResource } from './health.resources.js';

const PING_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly client: MessageClient,
    private readonly database: DataSource,
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
  ) {}

  /**
   * The platform's status: 200 when every service answers its ping over the transport, 503 otherwise, with
   * each service's state. A status page, not a probe: one dead backend must not take every edge replica out
   * of rotation (readiness is `/health/ready`).
   */
  @Access({ public: true })
  @Get()
  @ApiServiceUnavailableResponse({ description: 'A service does not answer.', type: PlatformHealthResource })
  async health(@Res({ passthrough: true }) res: Response): Promise<PlatformHealthResource> {
    const results = await Promise.all(
      BACKEND_SERVICES.map(async (service) => [service, await this.ping(service)] as const),
    );
    const services = Object.fromEntries(results.map(([service, up]) => [service, up ? 'up' : 'down']));
    const healthy = results.every(([, up]) => up);
    res.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'unavailable', services: { 'api-gateway': 'up', ...services } };
  }

  /**
   * Readiness: what this edge itself needs to serve, checked afresh on each probe — its database
   * (idempotency keys, nonces) and its broker connection. A backend that is down makes its own routes
   * fail, not the edge unready.
   */
  @Access({ public: true })
  @Get('ready')
  @ApiServiceUnavailableResponse({ description: 'A check failed.', type: ReadinessResource })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessResource> {
    const readiness = await checkReadiness([databaseCheck((sql) => this.database.query(sql)), { name: 'broker', check: () => this.broker.probe() }]);
    res.status(readiness.ready ? 200 : 503);
    return { status: readiness.ready ? 'ok' : 'unavailable', checks: readiness.checks };
  }

  /** Liveness: this process answers. Never depends on other services, so a backend outage restarts nothing here. */
  @Access({ public: true })
  @Get('live')
  live(): LivenessResource {
    return { status: 'ok' };
  }

  private async ping(service: ServiceName): Promise<boolean> {
    const pattern = PING_PATTERNS[service as keyof typeof PING_PATTERNS];
    try {
      await this.client.send(pattern, {}, { timeoutMs: PING_TIMEOUT_MS });
      return true;
    } catch {
      return false;
    }
  }
}
