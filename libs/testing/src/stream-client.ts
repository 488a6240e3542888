import WebSocket from 'ws';

/** What an edge answered instead of opening a stream: its HTTP status and error envelope. */
export interface StreamRefusal {
  status: number;
  body: { error: { type: string; code: string; message: string; param?: string } };
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A live-stream client as an integrator's server or a hosted page would hold one: it opens the socket,
 * keeps every JSON message in arrival order, and waits for the ones a test expects.
 */
export class StreamClient {
  readonly messages: Array<Record<string, unknown>> = [];
  closeCode: number | undefined;
  pings = 0;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as Record<string, unknown>);
      this.wake();
    });
    socket.on('ping', () => (this.pings += 1));
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /**
   * Opens `url` (ws:// or http://, the edge's own address) and resolves once the stream is open. With
   * `answerPings: false` it plays a client that is gone without having closed its connection.
   */
  static open(url: string, headers: Record<string, string> = {}, { answerPings = true } = {}): Promise<StreamClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url.replace(/^http/, 'ws'), { headers, autoPong: answerPings });
      socket.once('open', () => resolve(new StreamClient(socket)));
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`Stream refused with ${response.statusCode}`));
        response.resume();
      });
      socket.once('error', reject);
    });
  }

  /** The refusal of an upgrade that is expected to be refused. */
  static refusal(url: string, headers: Record<string, string> = {}): Promise<StreamRefusal> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url.replace(/^http/, 'ws'), { headers });
      socket.once('open', () => {
        socket.close();
        reject(new Error(`Stream ${url} opened; a refusal was expected`));
      });
      socket.once('unexpected-response', (_request, response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text), headers: response.headers }));
      });
      socket.once('error', () => undefined);
    });
  }

  /** Waits until `count` messages match `predicate` (all messages by default) and returns them. */
  async received(count: number, predicate: (message: Record<string, unknown>) => boolean = () => true, withinMs = 15_000): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const matching = this.messages.filter(predicate);
      if (matching.length >= count) return matching;
      const left = deadline - Date.now();
      if (left <= 0 || this.closeCode !== undefined) {
        throw new Error(`Stream had ${matching.length} of ${count} expected messages (close code ${this.closeCode ?? 'none'}): ${JSON.stringify(this.messages.map((m) => m['type'] ?? m['status']))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves with the close code once the server has closed the stream. */
  async closed(withinMs = 15_000): Promise<number> {
    const deadline = Date.now() + withinMs;
    while (this.closeCode === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (this.closeCode === undefined) throw new Error('Stream still open');
    return this.closeCode;
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
    this.waiters.clear();
  }
}
