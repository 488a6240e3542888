// A real Prometheus and promtool for the live run, built from the Go module proxy's copy of
// github.com/prometheus/prometheus and kept in .ci/cache/prometheus-<version>/, so that only the first run builds.
// `go install module@version` refuses a module whose go.mod has replace/exclude directives, which Prometheus's has:
// the module is downloaded instead and both commands built inside a writable copy of it.
import { execFile } from 'node:child_process';
import { cp, chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MODULE = 'github.com/prometheus/prometheus';

async function isExecutable(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Paths of `prometheus` and `promtool` for `version` (e.g. v0.316.0), built on first use. */
export async function prometheusBinaries(root, version, log = console.log) {
  const dir = join(root, '.ci', 'cache', `prometheus-${version}`);
  const binaries = { prometheus: join(dir, 'prometheus'), promtool: join(dir, 'promtool'), dir, built: false };
  if ((await isExecutable(binaries.prometheus)) && (await isExecutable(binaries.promtool))) return binaries;

  log(`building Prometheus ${version} from the Go module proxy into ${dir} (once; later runs reuse it)`);
  const { stdout } = await run('go', ['mod', 'download', '-json', `${MODULE}@${version}`], { maxBuffer: 1 << 20 });
  const moduleDir = JSON.parse(stdout).Dir;
  const work = await mkdtemp(join(tmpdir(), 'payrail-prometheus-src-'));
  try {
    const source = join(work, 'prometheus');
    await cp(moduleDir, source, { recursive: true });
    await run('chmod', ['-R', 'u+w', source]);
    // The module ships a go.work (for its own sub-modules): off, so that the module's own go.mod decides.
    // Without the `builtinassets` tag the web UI is not embedded, and `remove_all_sd` leaves out the cloud service
    // discoveries (and their SDKs, most of the build): the live run needs only static targets and the HTTP API.
    await run('go', ['build', '-tags', 'remove_all_sd', '-o', dir + '/', './cmd/prometheus', './cmd/promtool'], {
      cwd: source,
      maxBuffer: 16 << 20,
      env: { ...process.env, CGO_ENABLED: '0', GOWORK: 'off', GOFLAGS: '-mod=mod -buildvcs=false' },
    });
    await chmod(binaries.prometheus, 0o755);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { ...binaries, built: true };
}
