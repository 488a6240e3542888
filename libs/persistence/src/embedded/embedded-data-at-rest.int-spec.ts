import { chmod, lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded-postgres.js';

/** Every path under `dir` with its permission bits, e.g. ['base/1/1259', 0o600]. */
async function modesUnder(dir: string): Promise<Array<[string, number, 'dir' | 'file']>> {
  const found: Array<[string, number, 'dir' | 'file']> = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    const stats = await lstat(join(dir, entry));
    if (!stats.isSymbolicLink()) found.push([entry, stats.mode & 0o777, stats.isDirectory() ? 'dir' : 'file']);
  }
  return found;
}

/** What the server answers a client that sends its startup message and then `password`. */
async function answerTo(url: string, password: string | null): Promise<{ firstMessage: string; authRequest: number; errorCode: string | null; closed: boolean }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const received: Buffer[] = [];
  socket.on('data', (chunk) => received.push(chunk));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(serialize.startup({ user: 'postgres', database: 'postgres' }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (password !== null) socket.write(serialize.password(password));
  const ended = await Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000))]);
  socket.destroy();
  const bytes = Buffer.concat(received);
  const error = bytes.indexOf(0x45, 9) >= 0 ? bytes.subarray(bytes.indexOf(0x45, 9)).toString('utf8') : '';
  return {
    firstMessage: String.fromCharCode(bytes[0]),
    authRequest: bytes.readInt32BE(5),
    errorCode: /C(\w{5})\0/.exec(error)?.[1] ?? null,
    closed: ended,
  };
}

describe('embedded Postgres data at rest', () => {
  let dataDir: string;
  let embedded: EmbeddedPostgres | undefined;

  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'payrail-at-rest-')), 'pgdata');
  });

  afterAll(async () => {
    await embedded?.stop();
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  const notPrivate = async () => (await modesUnder(dataDir)).filter(([, mode, kind]) => mode !== (kind === 'dir' ? 0o700 : 0o600));

  it('keeps its data dir 0700 and every file 0600 once started, and files it made while running once stopped', async () => {
    embedded = await startEmbeddedPostgres({ dataDir });
    expect((await lstat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await notPrivate()).toEqual([]);

    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    await client.query('CREATE TABLE later (id int PRIMARY KEY, secret text)');
    await client.query(`INSERT INTO later SELECT g, repeat('x', 100) FROM generate_series(1, 500) g`);
    await client.query('CHECKPOINT');
    await client.end();
    expect((await lstat(dataDir)).mode & 0o777).toBe(0o700);

    await embedded.stop();
    embedded = undefined;
    expect((await modesUnder(dataDir)).length).toBeGreaterThan(50);
    expect(await notPrivate()).toEqual([]);
  });

  it('keeps the generated password in the data dir, 0600, and uses it again after a restart', async () => {
    const file = join(dataDir, 'payrail-password');
    const password = (await readFile(file, 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect((await lstat(file)).mode & 0o777).toBe(0o600);

    embedded = await startEmbeddedPostgres({ dataDir });
    expect(decodeURIComponent(new URL(embedded.url).password)).toBe(password);
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    expect((await client.query<{ count: string }>('SELECT count(*) FROM later')).rows[0].count).toBe('500');
    await client.end();
  });

  it('makes a data dir left world-readable by an older version private again', async () => {
    await embedded!.stop();
    embedded = undefined;
    await chmod(dataDir, 0o755);
    for (const [path, , kind] of await modesUnder(dataDir)) await chmod(join(dataDir, path), kind === 'dir' ? 0o755 : 0o666);

    embedded = await startEmbeddedPostgres({ dataDir });
    expect((await lstat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await notPrivate()).toEqual([]);
  });

  it('asks for a password and refuses a connection without it or with a wrong one', async () => {
    const url = embedded!.url;
    // AuthenticationCleartextPassword (R, 3), never AuthenticationOk (R, 0), until the password is given.
    expect(await answerTo(url, null)).toMatchObject({ firstMessage: 'R', authRequest: 3, closed: false });
    expect(await answerTo(url, '')).toEqual({ firstMessage: 'R', authRequest: 3, errorCode: '28P01', closed: true });
    expect(await answerTo(url, 'wrong')).toEqual({ firstMessage: 'R', authRequest: 3, errorCode: '28P01', closed: true });

    const withoutPassword = new URL(url);
    withoutPassword.password = '';
    await expect(new pg.Client({ connectionString: withoutPassword.toString() }).connect()).rejects.toThrow();
    const wrong = new URL(url);
    wrong.password = 'not-the-password';
    await expect(new pg.Client({ connectionString: wrong.toString() }).connect()).rejects.toMatchObject({ code: '28P01' });
    const otherUser = new URL(url);
    otherUser.username = 'admin';
    await expect(new pg.Client({ connectionString: otherUser.toString() }).connect()).rejects.toMatchObject({ code: '28P01' });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });

  it('gives a server without a data dir a fresh password of its own', async () => {
    const [a, b] = [await startEmbeddedPostgres(), await startEmbeddedPostgres()];
    try {
      expect(new URL(a.url).password).not.toBe(new URL(b.url).password);
      expect(new URL(a.url).password.length).toBeGreaterThanOrEqual(32);
      const crossed = new URL(a.url);
      crossed.password = new URL(b.url).password;
      await expect(new pg.Client({ connectionString: crossed.toString() }).connect()).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
