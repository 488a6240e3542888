import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { transformFile } from '@swc/core';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded-postgres.js';

const run = promisify(execFile);

/** Makes a table and runs a committed and a rolled-back transaction against `url`: what a fresh database must do. */
async function tableAndTransactions(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE amounts (minor bigint NOT NULL)');
    await client.query('BEGIN');
    await client.query('INSERT INTO amounts VALUES (1500)');
    await client.query('COMMIT');
    await client.query('BEGIN');
    await client.query('INSERT INTO amounts VALUES (99)');
    await client.query('ROLLBACK');
    const { rows } = await client.query<{ minor: string }>('SELECT minor FROM amounts');
    return rows.map((row) => Number(row.minor));
  } finally {
    await client.end();
  }
}

describe('a fresh embedded Postgres from the cluster template', () => {
  let scratch: string;
  let embedded: EmbeddedPostgres | undefined;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'payrail-template-'));
  });

  afterEach(async () => {
    await embedded?.stop();
    embedded = undefined;
    await rm(scratch, { recursive: true, force: true });
  });

  const templateFiles = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.template'));

  it('makes the template once, and a database started from it (in memory, then on disk) takes a table and transactions', async () => {
    const templateDir = join(scratch, 'templates');
    embedded = await startEmbeddedPostgres({ templateDir });
    expect(await tableAndTransactions(embedded.url)).toEqual([1500]);
    await embedded.stop();
    const [template] = await templateFiles(templateDir);
    expect(template).toMatch(/^pglite-[\d.]+\.template$/);

    const made = await readFile(join(templateDir, template));
    const dataDir = join(scratch, 'pgdata');
    embedded = await startEmbeddedPostgres({ templateDir, dataDir });
    expect(await tableAndTransactions(embedded.url)).toEqual([1500]);
    // Used as it was, not made again; and nothing of the database went back into it.
    expect((await readFile(join(templateDir, template))).equals(made)).toBe(true);
    await embedded.stop();

    // The data dir is a cluster of its own: opened again, it has what was written.
    embedded = await startEmbeddedPostgres({ templateDir, dataDir });
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    const { rows } = await client.query<{ minor: string }>('SELECT minor FROM amounts');
    await client.end();
    expect(rows).toEqual([{ minor: '1500' }]);
  });

  it('falls back to initdb on a corrupt template, and replaces it with a whole one', async () => {
    const templateDir = join(scratch, 'templates');
    embedded = await startEmbeddedPostgres({ templateDir });
    await embedded.stop();
    const [template] = await templateFiles(templateDir);
    const whole = await readFile(join(templateDir, template));
    const corrupt = Buffer.from(whole);
    corrupt[corrupt.length - 4096] ^= 0xff;
    await writeFile(join(templateDir, template), corrupt);

    embedded = await startEmbeddedPostgres({ templateDir, dataDir: join(scratch, 'pgdata') });
    expect(await tableAndTransactions(embedded.url)).toEqual([1500]);
    expect((await readFile(join(templateDir, template))).subarray(0, 31).toString()).toBe('payrail-pglite-cluster-template');
    expect((await readFile(join(templateDir, template))).equals(corrupt)).toBe(false);
  });

  it('never hands PGlite a template that is no tarball, even with a matching checksum: initdb runs and it is made again', async () => {
    const templateDir = join(scratch, 'templates');
    embedded = await startEmbeddedPostgres({ templateDir });
    await embedded.stop();
    const [template] = await templateFiles(templateDir);
    const notATarball = Buffer.alloc(64 * 1024, 0x41);
    const checksum = createHash('sha256').update(notATarball).digest('hex');
    const planted = Buffer.concat([Buffer.from(`payrail-pglite-cluster-template ${checksum}\n`), notATarball]);
    await writeFile(join(templateDir, template), planted);

    embedded = await startEmbeddedPostgres({ templateDir, dataDir: join(scratch, 'pgdata') });
    expect(await tableAndTransactions(embedded.url)).toEqual([1500]);
    const remade = await readFile(join(templateDir, template));
    expect(remade.length).toBeGreaterThan(1024 * 1024);
    expect(remade.equals(planted)).toBe(false);
  });

  it('two processes making the template at once both end with a working database and one whole template', async () => {
    // Each child runs cluster-template.ts alone (compiled here), then starts PGlite from what it returned.
    const source = fileURLToPath(new URL('./cluster-template.ts', import.meta.url));
    const pglite = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'index.js')).href;
    const { code } = await transformFile(source, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } });
    await writeFile(join(scratch, 'cluster-template.mjs'), code.replace(`'@electric-sql/pglite'`, `'${pglite}'`).replace(`"@electric-sql/pglite"`, `"${pglite}"`));
    await writeFile(
      join(scratch, 'child.mjs'),
      `import { PGlite } from '${pglite}';
import { clusterTemplate } from './cluster-template.mjs';
const template = await clusterTemplate({ dir: process.argv[2], pgliteVersion: 'race' });
if (!template) throw new Error('no template');
const db = await PGlite.create({ loadDataDir: template });
await db.exec('CREATE TABLE t (n int); BEGIN; INSERT INTO t VALUES (7); COMMIT;');
console.log(JSON.stringify((await db.query('SELECT n FROM t')).rows));
await db.close();
`,
    );
    const templateDir = join(scratch, 'templates');
    const children = [0, 1].map(() => run(process.execPath, [join(scratch, 'child.mjs'), templateDir], { timeout: 120_000 }));
    const outputs = await Promise.all(children);
    expect(outputs.map(({ stdout }) => stdout.trim())).toEqual(['[{"n":7}]', '[{"n":7}]']);
    // Published by rename: one template under its name, no temporary file left behind.
    expect(await readdir(templateDir)).toEqual(['pglite-race.template']);
    embedded = await startEmbeddedPostgres({ templateDir });
    expect(await tableAndTransactions(embedded.url)).toEqual([1500]);
  });
});
