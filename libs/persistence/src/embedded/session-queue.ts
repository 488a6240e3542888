import type { PGlite } from '@electric-sql/pglite';

/** What the queue uses of PGlite. */
export type EmbeddedSession = Pick<PGlite, 'runExclusive' | 'execProtocolRawStream' | 'isInTransaction' | 'exec'>;

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': no transaction open
/**
 * Like Postgres's idle_in_transaction_session_timeout: a connection that holds the session inside a
 * transaction without sending anything while others wait is closed (and its transaction rolled back).
 * In one process that is nearly always code awaiting another connection from inside its transaction,
 * which would otherwise hang every service at once.
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 15_000;
const WATCHDOG_INTERVAL_MS = 1_000;
/** How much of a connection's last statement a warning quotes. */
const REMEMBERED_CHARS = 160;
const REMEMBERED_BYTES = 4 * REMEMBERED_CHARS;

interface QueuedMessages {
  handlerId: number;
  /** One or more whole protocol messages of one connection, in the order it sent them. */
  message: Uint8Array;
  resolve: (reply: Uint8Array) => void;
  reject: (error: unknown) => void;
}

/**
 * PGlite is one Postgres session. pglite-socket's own queue hands it one protocol *message* at a time
 * from whichever connection is next, so two connections' extended-protocol cycles (Parse, Bind,
 * Execute, Sync) interleave and one connection's Bind meets another's Parse (electric-sql/pglite#1046).
 *
 * This queue gives the session to one connection from its first message until Postgres reports
 * ReadyForQuery with no transaction open: a whole query cycle, or a whole transaction, runs alone.
 * The cost is the one Postgres itself would impose on a single session; the guarantee is that every
 * connection sees exactly the protocol it would see from a real server.
 */
export class SessionQueue {
  private readonly queue: QueuedMessages[] = [];
  private owner: number | null = null;
  private pumping = false;
  private lastUsedAt = 0;
  private readonly lastStatement = new Map<number, string>();
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly db: EmbeddedSession,
    /** Closes a connection's socket; the server then calls clearTransactionIfNeeded for it. */
    private readonly closeConnection: (handlerId: number) => void,
    private readonly idleInTransactionTimeoutMs = IDLE_IN_TRANSACTION_TIMEOUT_MS,
    private readonly warn: (message: string) => void = (message) => process.emitWarning(message),
  ) {
    this.watchdog = setInterval(() => this.closeIdleHolder(), Math.min(WATCHDOG_INTERVAL_MS, idleInTransactionTimeoutMs)).unref();
  }

  stop(): void {
    clearInterval(this.watchdog);
  }

  /** Runs a connection's messages in one PGlite call once the session is its turn; resolves with the whole answer. */
  enqueue(handlerId: number, message: Uint8Array): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, resolve, reject });
      void this.pump();
    });
  }

  /**
   * Runs `work` on the session alone if no connection holds it or waits for it, and none has used it for
   * `quietMs`; answers whether it ran. A connection that comes meanwhile waits until `work` ends: keep it
   * short (the embedded maintenance does one table at a time).
   */
  async runIfIdle(quietMs: number, work: () => Promise<void>): Promise<boolean> {
    if (this.pumping || this.owner !== null || this.queue.length > 0 || Date.now() - this.lastUsedAt < quietMs) return false;
    // `pumping` keeps pump() from handing the session to anyone until the work is over.
    this.pumping = true;
    try {
      await work();
    } finally {
      this.pumping = false;
      this.lastUsedAt = Date.now();
      void this.pump();
    }
    return true;
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.lastStatement.delete(handlerId);
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      if (this.queue[i].handlerId !== handlerId) continue;
      this.queue[i].reject(new Error('Connection closed'));
      this.queue.splice(i, 1);
    }
  }

  /** A connection that vanished mid-transaction must not leave the session locked or the transaction open. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const index = this.owner === null ? (this.queue.length > 0 ? 0 : -1) : this.queue.findIndex((item) => item.handlerId === this.owner);
        if (index < 0) return;
        const [item] = this.queue.splice(index, 1);
        this.owner = item.handlerId;
        this.remember(item);
        await this.run(item);
      }
    } finally {
      this.pumping = false;
    }
  }

  private remember(item: QueuedMessages): void {
    const type = String.fromCharCode(item.message[0] ?? 0);
    if (type !== 'Q' && type !== 'P') return;
    // Every statement passes here: read only the start it keeps, as a view, never the whole message copied.
    const { buffer, byteOffset, byteLength } = item.message;
    const head = Buffer.from(buffer, byteOffset + 5, Math.max(0, Math.min(byteLength - 5, REMEMBERED_BYTES)));
    this.lastStatement.set(item.handlerId, head.toString('utf8').replace(/\0/g, ' ').trim().slice(0, REMEMBERED_CHARS));
  }

  private closeIdleHolder(): void {
    const owner = this.owner;
    if (owner === null || this.pumping || this.queue.length === 0 || Date.now() - this.lastUsedAt < this.idleInTransactionTimeoutMs) return;
    this.warn(
      `Embedded Postgres: closing connection #${owner}, idle in a transaction for ${Date.now() - this.lastUsedAt} ms while ` +
        `${this.queue.length} message(s) of other connections wait; its last statement: ${this.lastStatement.get(owner) ?? 'unknown'}`,
    );
    this.closeConnection(owner);
  }

  private async run(item: QueuedMessages): Promise<void> {
    const output: Uint8Array[] = [];
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          // A view into PGlite's memory, reused for the next chunk: copied.
          onRawData: (data: Uint8Array) => void output.push(data.slice()),
        }),
      );
      const reply = output.length === 1 ? output[0] : Buffer.concat(output);
      if (lastTransactionStatus(reply) === IDLE) this.owner = null;
      this.lastUsedAt = Date.now();
      item.resolve(reply);
    } catch (error) {
      // The connection answers a rejection by closing itself: the client sees only "Connection
      // terminated unexpectedly", so say here what PGlite threw.
      this.warn(`Embedded Postgres: connection #${item.handlerId} closed after PGlite failed on its last statement (${this.lastStatement.get(item.handlerId) ?? 'unknown'}): ${(error as Error)?.message ?? String(error)}`);
      if (!this.db.isInTransaction()) this.owner = null;
      item.reject(error);
    }
  }
}

/** The status byte of the last ReadyForQuery in a backend reply, or null when the cycle is not over yet. */
export function lastTransactionStatus(reply: Uint8Array): number | null {
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  let status: number | null = null;
  for (let offset = 0; offset + 5 <= reply.length; ) {
    const type = reply[offset];
    const length = view.getInt32(offset + 1);
    if (length < 4) return null; // not a backend message: never loop on it
    if (type === READY_FOR_QUERY && offset + 5 < reply.length) status = reply[offset + 5];
    offset += 1 + length;
  }
  return status;
}
