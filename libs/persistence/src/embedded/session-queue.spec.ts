import { lastTransactionStatus, SessionQueue, type EmbeddedSession } from './session-queue.js';

const message = (type: string, body: number[]): Buffer => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, Buffer.from(body)]);
};
const readyForQuery = (status: string) => message('Z', [status.charCodeAt(0)]);

describe('lastTransactionStatus', () => {
  it('reads the status of the last ReadyForQuery of a reply that holds several cycles', () => {
    const reply = Buffer.concat([message('C', [...Buffer.from('SELECT 1\0')]), readyForQuery('T'), message('C', [0]), readyForQuery('I')]);
    expect(String.fromCharCode(lastTransactionStatus(reply)!)).toBe('I');
    expect(String.fromCharCode(lastTransactionStatus(reply.subarray(0, 20))!)).toBe('T');
  });

  it('reads a reply that is a view into a larger buffer at an odd offset', () => {
    const backing = Buffer.concat([Buffer.from([1, 2, 3]), message('C', [0]), readyForQuery('E')]);
    expect(String.fromCharCode(lastTransactionStatus(new Uint8Array(backing.buffer, backing.byteOffset + 3, backing.length - 3))!)).toBe('E');
  });

  it('says the cycle is not over when there is no ReadyForQuery yet', () => {
    expect(lastTransactionStatus(message('1', []))).toBeNull();
  });

  it('gives up on bytes that are not backend messages instead of looping on them', () => {
    expect(lastTransactionStatus(Buffer.from([0x44, 0xff, 0xff, 0xff, 0xff, 0x00]))).toBeNull();
    expect(lastTransactionStatus(Buffer.from([0x44, 0x00, 0x00, 0x00, 0x00, 0x00]))).toBeNull();
  });
});

/** A session whose every cycle answers ReadyForQuery (idle) once the test lets it (`answerNext`). */
function controlledSession(): { session: EmbeddedSession; answerNext: () => void; cycles: () => number } {
  const waiting: Array<() => void> = [];
  let cycles = 0;
  const session: EmbeddedSession = {
    runExclusive: (fn) => fn(),
    execProtocolRawStream: async (_message, options) => {
      cycles += 1;
      await new Promise<void>((resolve) => waiting.push(resolve));
      options?.onRawData?.(readyForQuery('I'));
    },
    isInTransaction: () => false,
    exec: () => Promise.resolve([]),
  };
  return { session, answerNext: () => waiting.shift()?.(), cycles: () => cycles };
}

const query = message('Q', [...Buffer.from('SELECT 1\0')]);

describe('SessionQueue.runIfIdle: work on the session between connections', () => {
  let queues: SessionQueue[] = [];
  const queueOn = (session: EmbeddedSession): SessionQueue => {
    const queue = new SessionQueue(session, () => undefined, 60_000, () => undefined);
    queues.push(queue);
    return queue;
  };

  afterEach(() => {
    queues.forEach((queue) => queue.stop());
    queues = [];
  });

  it('runs the work when no connection has used the session for the quiet time', async () => {
    const queue = queueOn(controlledSession().session);
    let ran = false;
    expect(await queue.runIfIdle(0, async () => { ran = true; })).toBe(true);
    expect(ran).toBe(true);
  });

  it('does not run it while a connection’s cycle is in flight, nor right after one', async () => {
    const { session, answerNext } = controlledSession();
    const queue = queueOn(session);
    let runs = 0;
    const work = async (): Promise<void> => { runs += 1; };
    const answered = queue.enqueue(1, query);
    expect(await queue.runIfIdle(0, work)).toBe(false);
    answerNext();
    await answered;
    expect(await queue.runIfIdle(60_000, work)).toBe(false);
    expect(runs).toBe(0);
  });

  it('makes a connection that comes during the work wait for it, then serves it before anything else', async () => {
    const { session, answerNext, cycles } = controlledSession();
    const queue = queueOn(session);
    const order: string[] = [];
    let finishWork = (): void => undefined;
    const running = queue.runIfIdle(0, async () => {
      order.push('work started');
      await new Promise<void>((resolve) => { finishWork = resolve; });
      order.push('work ended');
    });
    const answered = queue.enqueue(1, query).then(() => order.push('connection answered'));
    await Promise.resolve();
    expect(cycles()).toBe(0);
    // Another piece of work finds the connection waiting: it yields to it.
    expect(await queue.runIfIdle(0, async () => { order.push('second work'); })).toBe(false);
    finishWork();
    expect(await running).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cycles()).toBe(1);
    answerNext();
    await answered;
    expect(order).toEqual(['work started', 'work ended', 'connection answered']);
  });
});
