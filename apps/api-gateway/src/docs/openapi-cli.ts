import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { buildOpenApiDocument } from './openapi-builder.js';

/**
 * `write [file]` puts the generated API reference in `file` (default `openapi.json`, the committed copy the
 * edge serves); `check [file]` fails when the committed copy differs from what the code generates.
 */
const [mode, file = 'openapi.json'] = process.argv.slice(2);
const generated = `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
if (mode === 'write') {
  await writeFile(file, generated);
  process.stdout.write(`wrote ${file}\n`);
} else if (mode === 'check') {
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== generated) {
    process.stderr.write(`${file} differs from the API the code serves: run \`npm run openapi\` and commit the result.\n`);
    process.exit(1);
  }
  process.stdout.write(`${file} matches the code\n`);
} else {
  process.stderr.write('usage: openapi-cli.js write|check [file]\n');
  process.exit(2);
}
