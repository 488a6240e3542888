import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded-postgres.js';

describe('embedded Postgres under concurrent connections', () => {
  let embedded: EmbeddedPostgres;
  const pools: pg.Pool[] = [];
  const pool = (max: number): pg.Pool => {
    const created = new pg.Pool({ connectionString: embedded.url, max });
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await embedded.stop();
  });

  it('answers every parameterised query with its own parameters, across pools', async () => {
    const [a, b] = [pool(8), pool(8)];
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        (i % 2 ? a : b).query<{ sum: number; label: string }>('SELECT $1::int + $2::int AS sum, $3::text AS label', [i, 1000, `q${i}`]),
      ),
    );
    results.forEach((result, i) => expect(result.rows[0]).toEqual({ sum: i + 1000, label: `q${i}` }));
  });

  it('keeps query cycles whole when large messages arrive in many TCP chunks', async () => {
    const [a, b] = [pool(6), pool(6)];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const payload = String(i % 10).repeat(150_000 + i);
        return (i % 2 ? a : b).query<{ n: number; length: number }>('SELECT $1::int AS n, length($2::text) AS length', [i, payload]);
      }),
    );
    results.forEach((result, i) => expect(result.rows[0]).toEqual({ n: i, length: 150_000 + i }));
  });

  it('runs transactions one at a time, so read-modify-write never loses an update', async () => {
    const clients = pool(10);
    await clients.query('CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)');
    await clients.query('INSERT INTO counter VALUES (1, 0)');
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        const client = await clients.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ value: number }>('SELECT value FROM counter WHERE id = $1', [1]);
          await client.query('UPDATE counter SET value = $1 WHERE id = $2', [rows[0].value + 1, 1]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await clients.query<{ value: number }>('SELECT value FROM counter WHERE id = 1');
    expect(rows[0].value).toBe(50);
  });

  it('rolls back and frees the session when a connection drops inside a transaction', async () => {
    const lost = new pg.Client({ connectionString: embedded.url });
    await lost.connect();
    await lost.query('CREATE TABLE dropped (id int)');
    await lost.query('BEGIN');
    await lost.query('INSERT INTO dropped VALUES (1)');
    lost.on('error', () => undefined);
    (lost as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();

    const { rows } = await pool(1).query<{ count: string }>('SELECT count(*) FROM dropped');
    expect(Number(rows[0].count)).toBe(0);
  });
});

describe('embedded Postgres: an extended-protocol cycle split across writes', () => {
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
  });

  afterAll(async () => {
    await embedded.stop();
  });

  it('is not broken into by another connection between its Parse and its Bind', async () => {
    const other = new pg.Client({ connectionString: embedded.url });
    await other.connect();
    const slow = await RawConnection.open(embedded.url);
    slow.write(serialize.parse({ text: 'SELECT $1::int + $2::int AS sum' }));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const concurrent = other.query<{ b: string }>('SELECT $1::text AS b', ['other']);
    await new Promise((resolve) => setTimeout(resolve, 100));

    slow.write(Buffer.concat([serialize.bind({ values: ['40', '2'] }), serialize.describe({ type: 'P' }), serialize.execute(), serialize.sync()]));
    const reply = await slow.readUntilReady();
    expect(reply.errors).toEqual([]);
    expect(reply.rows).toEqual([['42']]);
    expect((await concurrent).rows).toEqual([{ b: 'other' }]);

    await other.end();
    slow.close();
  });
});

describe('embedded Postgres: several cycles in one write', () => {
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
  });

  afterAll(async () => {
    await embedded.stop();
  });

  const cycle = (text: string, values: string[]): Buffer =>
    Buffer.concat([serialize.parse({ text }), serialize.bind({ values }), serialize.describe({ type: 'P' }), serialize.execute(), serialize.sync()]);

  it('answers each pipelined cycle in order, a failed one skipped to its Sync without harming the next', async () => {
    const pipelined = await RawConnection.open(embedded.url);
    pipelined.write(Buffer.concat([cycle('SELECT $1::int * 2 AS n', ['21']), cycle('SELECT 1 / $1::int AS n', ['0']), cycle('SELECT $1::text AS n', ['after'])]));

    expect(await pipelined.readUntilReady()).toEqual({ rows: [['42']], errors: [] });
    const failed = await pipelined.readUntilReady();
    expect(failed.rows).toEqual([]);
    expect(failed.errors.join()).toContain('division by zero');
    expect(await pipelined.readUntilReady()).toEqual({ rows: [['after']], errors: [] });
    pipelined.close();
  });

  it('closes the connection at Terminate, rolling back what it left open, and serves the others', async () => {
    const leaving = await RawConnection.open(embedded.url);
    leaving.write(Buffer.concat([serialize.query('CREATE TABLE left_open (id int)'), serialize.query('BEGIN'), serialize.query('INSERT INTO left_open VALUES (1)')]));
    await leaving.readUntilReady();
    await leaving.readUntilReady();
    await leaving.readUntilReady();
    const closed = new Promise<void>((resolve) => leaving.onClose(resolve));
    leaving.write(serialize.end());
    await closed;

    const other = new pg.Client({ connectionString: embedded.url });
    await other.connect();
    const { rows } = await other.query<{ count: string }>('SELECT count(*) FROM left_open');
    expect(Number(rows[0].count)).toBe(0);
    await other.end();
  });
});

/** A bare wire-protocol client, to send one cycle in two writes as a slow network would. */
class RawConnection {
  private buffered = Buffer.alloc(0);
  private waiting?: () => void;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiting?.();
    });
  }

  static async open(url: string): Promise<RawConnection> {
    const { hostname, port, username, password } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    const connection = new RawConnection(socket);
    connection.write(serialize.startup({ user: username, database: 'postgres' }));
    connection.write(serialize.password(decodeURIComponent(password)));
    await connection.readUntilReady();
    return connection;
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Reads backend messages up to ReadyForQuery; returns data rows as text and error messages. */
  async readUntilReady(): Promise<{ rows: string[][]; errors: string[] }> {
    const rows: string[][] = [];
    const errors: string[] = [];
    for (;;) {
      while (this.buffered.length >= 5 && this.buffered.length >= 1 + this.buffered.readInt32BE(1)) {
        const type = String.fromCharCode(this.buffered[0]);
        const body = this.buffered.subarray(5, 1 + this.buffered.readInt32BE(1));
        this.buffered = this.buffered.subarray(1 + this.buffered.readInt32BE(1));
        if (type === 'D') rows.push(readDataRow(body));
        if (type === 'E') errors.push(body.toString('utf8').replace(/\0/g, ' ').trim());
        if (type === 'Z') return { rows, errors };
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }

  onClose(listener: () => void): void {
    this.socket.once('close', listener);
  }
}

function readDataRow(body: Buffer): string[] {
  const values: string[] = [];
  let offset = 2;
  for (let column = 0; column < body.readInt16BE(0); column += 1) {
    const length = body.readInt32BE(offset);
    offset += 4;
    values.push(body.subarray(offset, offset + length).toString('utf8'));
    offset += length;
  }
  return values;
}

describe('embedded Postgres: a connection idle inside a transaction', () => {
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres({ idleInTransactionTimeoutMs: 300 });
  });

  afterAll(async () => {
    await embedded.stop();
  });

  it('is closed and rolled back when others wait, as idle_in_transaction_session_timeout would', async () => {
    const stuck = new pg.Client({ connectionString: embedded.url });
    const other = new pg.Client({ connectionString: embedded.url });
    await Promise.all([stuck.connect(), other.connect()]);
    const closed = new Promise<void>((resolve) => stuck.on('error', () => resolve()));
    await stuck.query('CREATE TABLE abandoned (id int)');
    await stuck.query('BEGIN');
    await stuck.query('INSERT INTO abandoned VALUES (1)');

    const { rows } = await other.query<{ count: string }>('SELECT count(*) FROM abandoned');
    expect(Number(rows[0].count)).toBe(0);
    await closed;
    await other.end();
  });
});
