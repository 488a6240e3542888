import type { Socket } from 'node:net';
import type { SessionQueue } from './session-queue.js';

const TERMINATE = 0x58; // 'X'
const EMPTY = Buffer.alloc(0);

/**
 * One client connection of the embedded server, after the password gate. It stands in for pglite-socket's
 * handler, which hands PGlite one protocol message at a time: a parameterised statement (Parse, Bind,
 * Describe, Execute, Sync) was five queue entries, five PGlite calls and five socket writes. Here every
 * whole message that has arrived goes to PGlite in one call — PGlite reads messages until its input is
 * used up, as Postgres reads its socket — and the answer is written back in one write. What the client
 * sees is the same byte stream; only the number of calls and writes changes.
 *
 * The first message is the startup packet (the gate's replay), which PGlite takes in a call of its own.
 * Terminate is not passed on: Postgres would end its process, so the connection is closed instead.
 */
export class WireConnection {
  private static nextId = 1;
  readonly id = WireConnection.nextId++;
  private pending: Buffer = EMPTY;
  private startupSent = false;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly queue: SessionQueue,
    private readonly onClosed: (connection: WireConnection) => void,
  ) {}

  /** Starts with the bytes the password gate read past the password (the startup packet first). */
  attach(replay: Buffer): void {
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', () => void this.close());
    this.socket.on('close', () => void this.close());
    this.receive(replay);
  }

  /** Ends the connection; a transaction it left open is rolled back so that the session is free again. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pending = EMPTY;
    this.socket.destroy();
    this.queue.clearQueueForHandler(this.id);
    await this.queue.clearTransactionIfNeeded(this.id);
    this.onClosed(this);
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    if (!this.startupSent) {
      if (this.pending.length < 4) return;
      const length = this.pending.readInt32BE(0);
      if (this.pending.length < length) return;
      this.startupSent = true;
      this.send(this.take(length));
    }
    const whole = this.wholeMessagesLength();
    if (whole.terminate) {
      if (whole.length > 0) this.send(this.take(whole.length));
      void this.close();
      return;
    }
    if (whole.length > 0) this.send(this.take(whole.length));
  }

  /** How many leading bytes of what is pending are whole messages, stopping at a Terminate (or garbage). */
  private wholeMessagesLength(): { length: number; terminate: boolean } {
    const bytes = this.pending;
    let offset = 0;
    while (offset + 5 <= bytes.length) {
      const length = bytes.readInt32BE(offset + 1);
      // Not a frontend message (Postgres answers "invalid message length" and closes): end here, send nothing more.
      if (bytes[offset] === TERMINATE || length < 4) return { length: offset, terminate: true };
      const end = offset + 1 + length;
      if (end > bytes.length) break;
      offset = end;
    }
    return { length: offset, terminate: false };
  }

  private take(length: number): Buffer {
    const messages = this.pending.subarray(0, length);
    this.pending = length === this.pending.length ? EMPTY : this.pending.subarray(length);
    return messages;
  }

  /** The queue runs one connection's batches in the order they were sent, so answers go out in order. */
  private send(messages: Buffer): void {
    this.queue.enqueue(this.id, messages).then(
      (reply) => {
        if (reply.length > 0 && !this.closed && this.socket.writable) this.socket.write(reply);
      },
      () => void this.close(),
    );
  }
}
