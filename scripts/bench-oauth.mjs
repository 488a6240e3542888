#!/usr/bin/env node
// OAuth throughput: access tokens issued per second through the edge's token endpoint (client
// credentials, client_secret_post), dashboard sessions refreshed per second (refresh_token grant: the
// token rotated in a locking transaction), and access tokens validated per second by the edge's Passport
// strategy (passport-jwt: ES256 signature and claims, JWKS cached, jti and subject checked against a deny
// list), in-process on one core.
// Embedded:    npm run build && npm run bench:oauth
// Distributed: DATABASE_URL=… KAFKA_BROKERS=… npm run bench:oauth   (six service processes)
// Options: --iterations N (default 1000), --concurrency C (default 8), --validations V (default 20000).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { AccessTokenStrategy } from '../dist/apps/api-gateway/src/oauth/access-token.strategy.js';
import { authenticateThroughPassport, requestWithHeaders } from '../dist/apps/api-gateway/src/testing/passport-under-test.js';
import { JwksCache } from '../dist/apps/api-gateway/src/oauth/jwks.cache.js';
import { RevokedAccessTokens } from '../dist/apps/api-gateway/src/oauth/revoked-access-tokens.js';
import { createMerchant, startAllInOne, startServiceProcesses, stopProcess } from '../dist/libs/testing/src/index.js';
import { percentile } from './bench-platform.mjs';

const { values } = parseArgs({
  options: { iterations: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '8' }, validations: { type: 'string', default: '20000' } },
});
const iterations = Number(values.iterations);
const concurrency = Number(values.concurrency);
const validations = Number(values.validations);

const distributed = Boolean(process.env.DATABASE_URL && process.env.KAFKA_BROKERS);
const platform = distributed
  ? await startServiceProcesses(process.env.DATABASE_URL, process.env.KAFKA_BROKERS)
  : await startAllInOne('bench-oauth', { DATABASE_URL: '', KAFKA_BROKERS: '' });

async function credentialsOf() {
  if (!distributed) return JSON.parse(await readFile(join(platform.dataDir, 'sandbox-credentials.json'), 'utf8'));
  process.env.PAYRAIL_TEST_DATABASE_URL = platform.databaseUrl;
  process.env.PAYRAIL_TEST_ENV = JSON.stringify(Object.fromEntries(Object.entries(platform.env).filter(([k]) => k.startsWith('PAYRAIL_'))));
  return createMerchant('Bench');
}

try {
  const { client_id, client_secret, username, password } = await credentialsOf();
  const latencies = [];
  async function issue() {
    const started = performance.now();
    const response = await fetch(`${platform.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id, client_secret }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`token request failed: ${JSON.stringify(body)}`);
    latencies.push(performance.now() - started);
    return body.access_token;
  }

  for (let i = 0; i < 10; i++) await issue(); // warm-up, not counted
  latencies.splice(0);
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < iterations) await issue();
  }));
  const seconds = (performance.now() - started) / 1000;
  console.log(`runtime: ${platform.mode}, ${iterations} token requests, concurrency ${concurrency}`);
  console.log(`token endpoint  p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  console.log(`issuance: ${(iterations / seconds).toFixed(1)} tokens/s`);

  // Refreshes: each worker keeps one session going, rotating its refresh token each time.
  const refreshLatencies = [];
  async function form(path, params) {
    const response = await fetch(`${platform.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`${path} failed: ${JSON.stringify(body)}`);
    return body;
  }
  let nextRefresh = 0;
  const refreshStarted = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    let { refresh_token: refreshToken } = await form('/api/v1/auth/login', { username, password });
    while (nextRefresh++ < iterations) {
      const started = performance.now();
      ({ refresh_token: refreshToken } = await form('/oauth/token', { grant_type: 'refresh_token', client_id: 'payrail-dashboard', refresh_token: refreshToken }));
      refreshLatencies.push(performance.now() - started);
    }
  }));
  const refreshSeconds = (performance.now() - refreshStarted) / 1000;
  console.log(`refresh grant   p50 ${percentile(refreshLatencies, 50).toFixed(1)} ms   p99 ${percentile(refreshLatencies, 99).toFixed(1)} ms`);
  console.log(`refreshes: ${(iterations / refreshSeconds).toFixed(1)} rotations/s (${concurrency} sessions, logins included)`);

  const token = await issue();
  const jwks = await (await fetch(`${platform.baseUrl}/.well-known/jwks.json`)).json();
  // The deny list as the edge holds it, with 10 000 revoked tokens and 100 revoked clients in it: every
  // validation looks up the token's jti and its subject.
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const revoked = Array.from({ length: 10_000 }, (_, i) => ({ jti: `jti_bench_${i}`, exp }));
  const revokedSubjects = Array.from({ length: 100 }, (_, i) => ({ sub: `cli_bench_${i}`, issuedUpTo: exp - 3600, exp }));
  const revocations = new RevokedAccessTokens({ send: async () => ({ revoked, revokedSubjects, asOf: Date.now() }) });
  revocations.onModuleInit();
  await revocations.poll();
  const strategy = new AccessTokenStrategy(new JwksCache({ send: async () => jwks }), revocations);
  // A request for the edge's own host: the issuer the token was issued under.
  const { protocol, host } = new URL(platform.baseUrl);
  const request = requestWithHeaders({ authorization: `Bearer ${token}`, host }, { protocol: protocol.slice(0, -1) });
  const validate = () => authenticateThroughPassport(strategy, request);
  for (let i = 0; i < 200; i++) await validate(); // warm-up
  const validationStarted = performance.now();
  for (let i = 0; i < validations; i++) await validate();
  const validationSeconds = (performance.now() - validationStarted) / 1000;
  console.log(`validation (edge strategy through Passport, one core): ${(validations / validationSeconds).toFixed(0)} tokens/s`);
  await revocations.onModuleDestroy();
} finally {
  await Promise.all(platform.processes.map((child) => stopProcess(child)));
  await platform.dropDatabase?.();
}
