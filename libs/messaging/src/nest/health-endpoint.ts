import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkReadiness, type ReadinessCheck } from '../health/readiness.js';
import type { PayrailMetrics } from '../metrics/payrail-metrics.js';

/**
 * A backend service has no HTTP API; orchestrators still need something to probe.
 * - `GET /health` (readiness): 503 until the service listens on the transport; then, on every probe, its
 *   database and its broker are checked afresh, so a service that lost either leaves rotation and comes
 *   back when they return.
 * - `GET /health/live` (liveness): the process answers. It never depends on the database or the broker:
 *   restarting every service because Postgres is down would only add a thundering herd to the outage.
 * - `GET /metrics`: the process's Prometheus metrics, when it has a registry. This port is the cluster's,
 *   never published (unlike the edge's), so it needs no switch of its own.
 */
export class HealthEndpoint {
  private checks: readonly ReadinessCheck[] | undefined;
  private readonly server: Server;

  constructor(
    private readonly service: string,
    private readonly metrics?: PayrailMetrics,
  ) {
    this.server = createServer((req, res) => void this.answer(req, res));
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, () => resolve());
    });
  }

  /** The service is serving: from now on readiness is what these checks say. */
  markReady(checks: readonly ReadinessCheck[]): void {
    this.checks = checks;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/health/live') return send(res, 200, { service: this.service, status: 'ok' });
    if (path === '/metrics' && this.metrics) return this.sendMetrics(res, this.metrics);
    if (path !== '/health') return send(res, 404, { service: this.service, status: 'not_found' });
    if (!this.checks) return send(res, 503, { service: this.service, status: 'starting' });
    const readiness = await checkReadiness(this.checks);
    send(res, readiness.ready ? 200 : 503, { service: this.service, status: readiness.ready ? 'ok' : 'unavailable', checks: readiness.checks });
  }

  private async sendMetrics(res: ServerResponse, metrics: PayrailMetrics): Promise<void> {
    try {
      const text = await metrics.exposition();
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(text);
    } catch {
      send(res, 500, { service: this.service, status: 'metrics_unavailable' });
    }
  }
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
