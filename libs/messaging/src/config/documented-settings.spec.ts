import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Reads the code itself: every setting a settings class declares is in README.md's Configuration table
 * (and only those), secrets are marked alike in both, and only entry points read `process.env`.
 */
const ROOT = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((path) => !/\.(spec|int-spec|e2e-spec)\.ts$/.test(path))
    // Test tooling configures the processes it starts from the test run's own environment.
    .filter((path) => !path.startsWith('libs/testing/') && !path.includes('/testing/'));
}

const files = [...sourceFiles('apps'), ...sourceFiles('libs')].map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

/** A decorated upper-case property of a class-validator class: `@IsOptional() @IsInt() PAYRAIL_X?: number;`. */
const SETTING = /^\s*@.*?\b([A-Z][A-Z0-9_]{2,})[!?]:\s*[^;]+;\s*$/gm;

function declaredSettings(): Map<string, { secret: boolean; files: string[] }> {
  const settings = new Map<string, { secret: boolean; files: string[] }>();
  for (const { path, text } of files.filter((file) => file.text.includes("from 'class-validator'"))) {
    for (const match of text.matchAll(SETTING)) {
      const setting = settings.get(match[1]) ?? { secret: false, files: [] };
      setting.secret ||= match[0].includes('@Secret()');
      setting.files.push(path);
      settings.set(match[1], setting);
    }
  }
  return settings;
}

/** The Configuration table's rows, in order: a setting may appear in more than one (a stale copy). */
function documentedRows(): Array<[string, { secret: boolean }]> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows.map((row) => {
    const cells = row.split('|').map((cell) => cell.trim());
    return [/`([A-Z0-9_]+)`/.exec(cells[1])![1], { secret: cells[5] === 'yes' }];
  });
}

describe('configuration', () => {
  const declared = declaredSettings();
  const rows = documentedRows();
  const documented = new Map(rows);

  it('finds the settings classes and the table it checks', () => {
    expect(declared.get('PAYRAIL_SECRETS_KEY')?.secret).toBe(true);
    expect(declared.get('LOG_LEVEL')?.files).toEqual(['libs/messaging/src/config/runtime-settings.ts']);
    expect(documented.size).toBeGreaterThan(20);
  });

  it('documents every setting the code reads, in README.md under Configuration', () => {
    expect([...declared.keys()].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });

  it('documents each setting once (a second row says something else about it sooner or later)', () => {
    expect(rows.map(([name]) => name).filter((name, index, names) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('documents no setting that nothing reads', () => {
    expect([...documented.keys()].filter((name) => !declared.has(name)).sort()).toEqual([]);
  });

  it('marks the same settings secret in the code (masked in logs) and in the table', () => {
    const secretInCode = [...declared].filter(([, setting]) => setting.secret).map(([name]) => name).sort();
    const secretInTable = [...documented].filter(([, setting]) => setting.secret).map(([name]) => name).sort();
    expect(secretInTable).toEqual(secretInCode);
  });

  it('reads process.env only in entry points, which hand it to the validated configuration', () => {
    const readers = files.filter(({ text }) => text.includes('process.env')).map(({ path }) => path);
    expect(readers.filter((path) => !/\/src\/(main|[a-z-]+-cli)\.ts$/.test(path))).toEqual([]);
  });
});
