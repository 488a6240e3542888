import { createServer, type IncomingHttpHeaders, type ServerResponse, type Server } from 'node:http';

/** How the endpoint behaves: answering, holding every connection unanswered (its queue full), or refusing with 503. */
export type ReceiverBehaviour = 'answering' | 'holding' | 'refusing';

export interface AcceptedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A merchant's webhook endpoint on loopback that can stop answering for a while, as one whose queue is
 * full does: it holds the connections it gets (the sender sees its own timeout) or answers 503. Only the
 * deliveries it answered 200 count as received; the rest are counted as refused.
 */
export class StallingWebhookReceiver {
  readonly accepted: AcceptedDelivery[] = [];
  refused = 0;
  held = 0;
  url = '';
  private behaviour: ReceiverBehaviour = 'answering';
  private readonly holding = new Set<ServerResponse>();
  private server!: Server;

  static async start(): Promise<StallingWebhookReceiver> {
    const receiver = new StallingWebhookReceiver();
    receiver.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => receiver.answer(req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}/webhooks`;
    return receiver;
  }

  /** Switches behaviour; connections held so far are cut when the endpoint answers again or refuses. */
  behave(behaviour: ReceiverBehaviour): void {
    this.behaviour = behaviour;
    if (behaviour !== 'holding') {
      for (const res of this.holding) res.destroy();
      this.holding.clear();
    }
  }

  async stop(): Promise<void> {
    this.behave('answering');
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(headers: IncomingHttpHeaders, body: string, res: ServerResponse): void {
    if (this.behaviour === 'holding') {
      this.held++;
      this.holding.add(res);
      res.on('close', () => this.holding.delete(res));
      return;
    }
    if (this.behaviour === 'refusing') {
      this.refused++;
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    this.accepted.push({ headers, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
  }
}
