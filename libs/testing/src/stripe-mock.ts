import { spawn } from 'node:child_process';
import { accessSync, constants, createWriteStream, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOG_DIR, stopProcess } from './processes.js';

export const STRIPE_MOCK_INSTALL = 'go install github.com/stripe/stripe-mock@v0.203.0';

export interface StripeMock {
  /** `http://127.0.0.1:<port>`: the Stripe API base to give the connector. */
  url: string;
  stop(): Promise<void>;
}

export interface StripeMockOptions {
  /** Refuse requests whose `Stripe-Version` is not the one stripe-mock's OpenAPI document describes. Default on. */
  strictVersionCheck?: boolean;
  timeoutMs?: number;
}

/** Looks in $STRIPE_MOCK_BIN, then PATH, ~/go/bin and $GOPATH/bin; fails saying how to install it, never skips. */
export function findStripeMock(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env['STRIPE_MOCK_BIN'],
    ...(env['PATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'stripe-mock')),
    join(homedir(), 'go', 'bin', 'stripe-mock'),
    ...(env['GOPATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'bin', 'stripe-mock')),
  ].filter((path): path is string => Boolean(path));
  const found = candidates.find(isExecutable);
  if (!found) {
    throw new Error(`stripe-mock not found (looked in $STRIPE_MOCK_BIN, PATH, ~/go/bin, $GOPATH/bin). Install it with \`${STRIPE_MOCK_INSTALL}\`, or set STRIPE_MOCK_BIN.`);
  }
  return found;
}

/**
 * Starts stripe-mock on a free loopback port (the system picks it; stripe-mock prints the address) and
 * waits until it answers. HTTPS is put on a free port too so that two runs never collide on 12112.
 */
export async function startStripeMock(options: StripeMockOptions = {}): Promise<StripeMock> {
  const binary = findStripeMock();
  const args = ['-http-addr', '127.0.0.1:0', '-https-addr', '127.0.0.1:0', ...(options.strictVersionCheck === false ? [] : ['-strict-version-check'])];
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, 'stripe-mock.log'), { flags: 'a' });
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    log.end();
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) break;
    const address = /Listening for HTTP at address: (\S+)/.exec(output)?.[1];
    if (address) {
      const url = `http://${address.replace(/^(?:\[::\]|0\.0\.0\.0|):/, '127.0.0.1:')}`;
      if (await answers(url)) return { url, stop };
    }
    await sleep(50);
  }
  await stop();
  throw new Error(`stripe-mock (${binary}) did not start within ${timeoutMs} ms: ${output.trim().slice(-500) || 'no output'}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/balance`, { headers: { Authorization: 'Bearer sk_test_stripe_mock_probe' } });
    await response.text();
    return true;
  } catch {
    return false;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
