import { Controller, Get, Res } from '@nestjs/common';
import { BACKEND_SERVICES, PING_PATTERNS, type ServiceName } from '@payrail/contracts';
import { MessageClient } from '@payrail/messaging';
import type { Response } from 'express';
import { Public } from '../authentication/public.decorator.js';

const PING_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  constructor(private readonly client: MessageClient) {}

  /** 200 once every service answers its ping over the transport, 503 before. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const results = await Promise.all(
      BACKEND_SERVICES.map(async (service) => [service, await this.ping(service)] as const),
    );
    const services = Object.fromEntries(results.map(([service, up]) => [service, up ? 'up' : 'down']));
    const healthy = results.every(([, up]) => up);
    res.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'unavailable', services: { 'api-gateway': 'up', ...services } };
  }

  /** Liveness: this process answers. Never depends on other services, so a backend outage restarts nothing here. */
  @Public()
  @Get('live')
  live() {
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
