import { createServer, type Server } from 'node:http';

/**
 * A backend service has no HTTP API; orchestrators still need something to probe. `GET /health`
 * answers 503 until the service is listening on the transport, then 200.
 */
export class HealthEndpoint {
  private ready = false;
  private readonly server: Server;

  constructor(private readonly service: string) {
    this.server = createServer((req, res) => {
      const healthy = req.url === '/health' && this.ready;
      res.writeHead(req.url === '/health' ? (healthy ? 200 : 503) : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ service: this.service, status: healthy ? 'ok' : 'starting' }));
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, () => resolve());
    });
  }

  markReady(): void {
    this.ready = true;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
