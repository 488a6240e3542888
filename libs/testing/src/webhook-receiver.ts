import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  receivedAt: number;
}

/** A merchant's webhook endpoint on loopback that records what it gets and can be told to fail. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private failuresLeft = 0;
  private server!: Server;
  url = '';

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = receiver.failuresLeft > 0 ? 500 : 200;
        if (receiver.failuresLeft > 0) receiver.failuresLeft--;
        receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status, receivedAt: Date.now() });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: status === 200 }));
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}/webhooks`;
    return receiver;
  }

  failNext(count: number): void {
    this.failuresLeft = count;
  }

  /** Deliveries of one event type that the receiver accepted. */
  accepted(type?: string): Array<ReceivedWebhook & { event: { id: string; type: string; data: { object: Record<string, unknown> } } }> {
    return this.received
      .filter((delivery) => delivery.status === 200)
      .map((delivery) => ({ ...delivery, event: JSON.parse(delivery.body) }))
      .filter((delivery) => !type || delivery.event.type === type);
  }

  async waitFor(predicate: (receiver: WebhookReceiver) => boolean, timeoutMs = 20_000): Promise<void> {
    const started = Date.now();
    while (!predicate(this)) {
      if (Date.now() - started > timeoutMs) throw new Error(`Webhook condition not met within ${timeoutMs} ms; received ${this.received.length}`);
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
