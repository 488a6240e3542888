import { performance } from 'node:perf_hooks';
import { JsonLogger } from '@payrail/messaging';
import { startPlatform } from './platform.js';

const startedAt = performance.now();
const logger = new JsonLogger('platform');
try {
  const platform = await startPlatform(process.env);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const { credentials: c } = platform;
  process.stdout.write(`
  Payrail is up in ${seconds}s (${platform.transport === 'kafka' ? 'Kafka' : 'in-process'} transport, ${platform.embeddedDatabase ? 'embedded Postgres' : 'Postgres'})

    API        ${platform.url}/v1${platform.edgeUrls.length > 1 ? `  (edge replicas: ${platform.edgeUrls.join(', ')})` : ''}
    Docs       ${platform.url}/docs
    Health     ${platform.url}/health
    Data       ${platform.dataDir}
    Webhooks   ${platform.webhooksToPrivateNetworks ? 'test mode may deliver to loopback and private networks (PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS=on)' : 'public addresses only'}; never link-local or cloud metadata

  Sandbox credentials (also in ${platform.dataDir}/sandbox-credentials.json):
    secret_key       ${c.secret_key}
    publishable_key  ${c.publishable_key}
    client_id        ${c.client_id}
    client_secret    ${c.client_secret}
    username         ${c.username}
    password         ${c.password}
    signing_key      ${c.signing_key}
    signing_secret   ${c.signing_secret}

  Try: curl ${platform.url}/v1/payment_intents -u ${c.secret_key}: -d amount=2000 -d currency=usd

`);
  let closing = false;
  const shutdown = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await platform.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  logger.fatal(`Payrail failed to start: ${(error as Error).message}`, (error as Error).stack);
  process.exit(1);
}
