import { PGlite } from '@electric-sql/pglite';
import { SessionQueue } from './session-queue.js';

/** A simple-protocol Query message, as a client sends it. */
function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('Q', 0, 'latin1');
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}

describe('SessionQueue on PGlite: the warning about a connection idle in a transaction', () => {
  let db: PGlite;

  beforeAll(async () => {
    db = await PGlite.create();
  });

  afterAll(async () => {
    await db.close();
  });

  it('names the connection and quotes the start of its last statement, whatever the statement’s length', async () => {
    const warnings: string[] = [];
    const closed: number[] = [];
    const queue = new SessionQueue(db, (handlerId) => {
      closed.push(handlerId);
      void queue.clearTransactionIfNeeded(handlerId);
    }, 300, (message) => warnings.push(message));
    const longComment = `/* ${'x'.repeat(5000)} */`;
    await queue.enqueue(1, simpleQuery('CREATE TABLE held (id int)'));
    await queue.enqueue(1, simpleQuery('BEGIN'));
    await queue.enqueue(1, simpleQuery(`INSERT INTO held VALUES (1) ${longComment}`));

    await queue.enqueue(2, simpleQuery('SELECT count(*) FROM held'));
    queue.stop();

    expect(closed).toEqual([1]);
    expect(warnings).toHaveLength(1);
    const quoted = warnings[0].split('its last statement: ')[1];
    expect(warnings[0]).toContain('closing connection #1, idle in a transaction');
    expect(quoted.startsWith('INSERT INTO held VALUES (1) /* xxx')).toBe(true);
    expect(quoted).toHaveLength(160);
  });
});
