#!/usr/bin/env node
// Regenerates src/generated/ from the repository's committed openapi.json with OpenAPI Generator's
// typescript-fetch generator (CLI jar from Maven Central, cached in .ci/cache/, never committed).
//   node scripts/generate.mjs          rewrite src/generated/
//   node scripts/generate.mjs --check  exit 1 when src/generated/ (or package.json's version) is stale
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATOR_VERSION = '7.25.0';
const sdkRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(sdkRoot, '..', '..');
const spec = join(repoRoot, 'openapi.json');
const target = join(sdkRoot, 'src', 'generated');
const cache = process.env.CI_CACHE ?? join(repoRoot, '.ci', 'cache');
const jar = join(cache, `openapi-generator-cli-${GENERATOR_VERSION}.jar`);
const jarUrl = `https://repo1.maven.org/maven2/org/openapitools/openapi-generator-cli/${GENERATOR_VERSION}/openapi-generator-cli-${GENERATOR_VERSION}.jar`;
const check = process.argv.includes('--check');

async function ensureJar() {
  if (existsSync(jar)) return;
  mkdirSync(cache, { recursive: true });
  console.log(`downloading ${jarUrl}`);
  const response = await fetch(jarUrl);
  if (!response.ok) throw new Error(`${jarUrl}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  // Maven Central publishes a SHA-1 beside every artifact: a truncated or altered download is refused.
  const published = (await (await fetch(`${jarUrl}.sha1`)).text()).trim().split(/\s+/)[0];
  const actual = createHash('sha1').update(bytes).digest('hex');
  if (published !== actual) throw new Error(`${jarUrl}: SHA-1 ${actual} is not the published ${published}`);
  writeFileSync(jar, bytes);
}

function generateInto(out) {
  execFileSync('java', [
    '-jar', jar, 'generate', '-i', spec, '-g', 'typescript-fetch', '-o', out,
    '--skip-validate-spec',
    // snake_case fields exactly as on the wire (and in the product documents); .js suffixes for Node's ESM resolution.
    '--additional-properties=supportsES6=true,importFileExtension=.js,modelPropertyNaming=original',
    '--global-property=apiDocs=false,modelDocs=false',
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Only the TypeScript sources are the SDK's; the generator's bookkeeping files are not.
  for (const extra of ['.openapi-generator', '.openapi-generator-ignore', 'docs']) rmSync(join(out, extra), { recursive: true, force: true });
  // The generator opens every file with blanket lint switches; the folder is in the root eslint config's
  // ignores instead, so that no file of ours carries a disable it does not need.
  for (const file of listFiles(out).filter((name) => name.endsWith('.ts'))) {
    const path = join(out, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, ''));
  }
}

function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [relative(base, full)];
  }).sort();
}

function staleFiles(fresh, committed) {
  const freshFiles = listFiles(fresh);
  const committedFiles = listFiles(committed);
  const all = [...new Set([...freshFiles, ...committedFiles])].sort();
  return all.filter((file) => !freshFiles.includes(file) || !committedFiles.includes(file)
    || readFileSync(join(fresh, file), 'utf8') !== readFileSync(join(committed, file), 'utf8'));
}

/** The SDK's major.minor follow the API's `info.version`; the patch is the SDK's own. */
function versionProblem() {
  const apiVersion = JSON.parse(readFileSync(spec, 'utf8')).info.version;
  const sdkVersion = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8')).version;
  const majorMinor = (v) => v.split('.').slice(0, 2).join('.');
  return majorMinor(apiVersion) === majorMinor(sdkVersion) ? null
    : `package.json version ${sdkVersion} does not follow the API's ${apiVersion} (major.minor must match)`;
}

await ensureJar();
const scratch = mkdtempSync(join(tmpdir(), 'payrail-sdk-ts-'));
try {
  generateInto(scratch);
  if (check) {
    const stale = staleFiles(scratch, target);
    const version = versionProblem();
    if (stale.length > 0 || version) {
      if (stale.length > 0) console.error(`sdks/typescript/src/generated is stale against openapi.json (${stale.length} files differ, e.g. ${stale.slice(0, 5).join(', ')}); run: node sdks/typescript/scripts/generate.mjs`);
      if (version) console.error(version);
      process.exit(1);
    }
    console.log('sdks/typescript/src/generated is up to date with openapi.json');
  } else {
    rmSync(target, { recursive: true, force: true });
    cpSync(scratch, target, { recursive: true });
    console.log(`wrote ${listFiles(target).length} files to ${relative(repoRoot, target)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
