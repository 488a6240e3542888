import 'reflect-metadata';
import { chmod, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { INestApplication, INestMicroservice, DynamicModule } from '@nestjs/common';
import { ServiceNames, type ServiceName } from '@payrail/contracts';
import {
  createBroker,
  InProcessBroker,
  JsonLogger,
  loadTogether,
  maskSecrets,
  PayrailMetrics,
  startService,
  startTracing,
  toLogLevel,
  tracingExportFrom,
  validateConfig,
  type MessageBroker,
  type ServiceRuntime,
} from '@payrail/messaging';
import { makePrivateDirectory, startEmbeddedPostgresThread, type EmbeddedPostgres } from '@payrail/persistence';
import { DataSource } from 'typeorm';
import { loadEdgeSettings } from '../../api-gateway/src/config/edge.config.js';
import { createEdgeApp } from '../../api-gateway/src/http/create-edge-app.js';
import { AuthModule } from '../../auth/src/auth.module.js';
import { loadAuthConfig } from '../../auth/src/config/auth.config.js';
import { ensureSandboxMerchant, type SandboxCredentials } from '../../auth/src/merchant-bootstrap/index.js';
import { GatewayConnectorsModule } from '../../gateway-connectors/src/gateway-connectors.module.js';
import { PaymentsModule } from '../../payments/src/payments.module.js';
import { RefundsModule } from '../../refunds/src/refunds.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { WebhookDispatchModule } from '../../webhook-dispatch/src/webhook-dispatch.module.js';
import { GatewayAccountsService } from '../../gateway-connectors/src/gateway-accounts/gateway-accounts.service.js';
import { ensureLocalSecrets } from './local-secrets.js';
import { ensureSandboxMpesaAccount, startSandboxDaraja } from './mpesa-sandbox.js';
import { PlatformConfig } from './platform-config.js';

const BACKENDS: ReadonlyArray<[ServiceName, (runtime: ServiceRuntime) => DynamicModule]> = [
  [ServiceNames.Auth, (runtime) => AuthModule.forRoot(runtime)],
  [ServiceNames.GatewayConnectors, (runtime) => GatewayConnectorsModule.forRoot(runtime)],
  [ServiceNames.Payments, (runtime) => PaymentsModule.forRoot(runtime)],
  [ServiceNames.Refunds, (runtime) => RefundsModule.forRoot(runtime)],
  [ServiceNames.Ledger, (runtime) => LedgerModule.forRoot(runtime)],
  [ServiceNames.WebhookDispatch, (runtime) => WebhookDispatchModule.forRoot(runtime)],
];

export interface RunningPlatform {
  url: string;
  /** Every edge instance's URL, `url` first. */
  edgeUrls: string[];
  dataDir: string;
  /** Carries the embedded server's password: never print it. */
  databaseUrl: string;
  /** Whether Postgres is the embedded PGlite (DATABASE_URL unset). */
  embeddedDatabase: boolean;
  transport: MessageBroker['kind'];
  /** Whether test-mode webhooks may go to loopback and private networks (PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  webhooksToPrivateNetworks: boolean;
  credentials: SandboxCredentials;
  close(): Promise<void>;
}

/**
 * Every service in one process: the embedded default when DATABASE_URL and KAFKA_BROKERS are unset.
 * Each service still gets its own Nest container, database schema and consumer group, exactly as when
 * it runs alone, so nothing here can come to depend on sharing a process. `processEnv` is read once
 * (it is not changed): the platform's settings and every service's are validated from it before
 * anything starts, and a bad one fails the start naming every bad variable.
 */
export async function startPlatform(processEnv: NodeJS.ProcessEnv): Promise<RunningPlatform> {
  const env: NodeJS.ProcessEnv = { ...processEnv };
  const config = validateConfig(PlatformConfig, env);
  const dataDir = resolve(config.PAYRAIL_DATA_DIR ?? '.payrail');
  // Secrets, sandbox credentials and the database live here: its owner's only, also if an older version made it.
  await makePrivateDirectory(dataDir);
  await ensureLocalSecrets(dataDir, env);
  // The embedded sandbox runs on a developer's machine, whose webhook receiver is on localhost: test-mode
  // endpoints may be on loopback and private networks there unless the operator says otherwise.
  if (!config.DATABASE_URL && env.PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS === undefined) env.PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'on';
  // Links in API objects and webhooks (3-D Secure pages, receipts) point at the edge.
  if (!env.PAYRAIL_PUBLIC_URL && config.PORT !== 0) env.PAYRAIL_PUBLIC_URL = `http://localhost:${config.PORT ?? 3000}`;
  // M-Pesa works from `npm start`: the sandbox merchant's account talks to a Daraja simulator in this process.
  const daraja = !config.DATABASE_URL && !env.PAYRAIL_MPESA_SANDBOX_API_BASE && env.PAYRAIL_SECRETS_KEY ? await startSandboxDaraja(env.PAYRAIL_SECRETS_KEY) : undefined;
  if (daraja) env.PAYRAIL_MPESA_SANDBOX_API_BASE = daraja.url;
  // Each module built once beforehand on a broker that never connects, only to check its settings.
  const [auth, edgeSettings] = loadTogether(
    () => loadAuthConfig(env),
    () => loadEdgeSettings(env),
    ...BACKENDS.map(([, moduleFor]) => () => moduleFor({ broker: new InProcessBroker(), databaseUrl: '', env })),
  );
  const logLevel = toLogLevel(config.LOG_LEVEL);
  new JsonLogger('platform', logLevel).log(`platform configuration: ${JSON.stringify(maskSecrets(config))}`);

  // One provider for the process: spans say which service made them (`payrail.service`).
  const tracing = startTracing(tracingExportFrom(config, 'payrail'));
  let embedded: EmbeddedPostgres | undefined;
  if (!config.DATABASE_URL) embedded = await startEmbeddedPostgresThread({ dataDir: join(dataDir, 'pgdata'), port: config.PAYRAIL_EMBEDDED_PG_PORT ?? 0 });
  const databaseUrl = config.DATABASE_URL || embedded!.url;

  const shared = config.KAFKA_BROKERS ? undefined : new InProcessBroker({ holdEventsUntilOpen: true });
  const brokers: MessageBroker[] = [];
  const brokerFor = async (service: ServiceName): Promise<MessageBroker> => {
    const broker = shared ?? createBroker(service, config.KAFKA_BROKERS, config.KAFKA_NAMESPACE);
    if (!brokers.includes(broker)) {
      await broker.connect();
      brokers.push(broker);
    }
    return broker;
  };

  // One registry for the whole process: every service records into it under its own `service` label.
  const metrics = new PayrailMetrics({ runtime: { service: 'platform' } });
  const services: INestMicroservice[] = [];
  for (const [service, moduleFor] of BACKENDS) {
    const broker = await brokerFor(service);
    const runtime: ServiceRuntime = { broker, databaseUrl, env, outboxRelay: config.PAYRAIL_OUTBOX_RELAY !== 'off', metrics };
    services.push(await startService({ service, broker, module: moduleFor(runtime), logLevel, metrics, messaging: { inboxRetentionDays: config.PAYRAIL_INBOX_RETENTION_DAYS } }));
  }
  shared?.open();

  const credentials = await ensureSandboxMerchant({
    dataSource: services[0].get(DataSource),
    pepper: auth.PAYRAIL_API_KEY_PEPPER,
    secretsKey: auth.PAYRAIL_SECRETS_KEY,
    credentialsFile: join(dataDir, 'sandbox-credentials.json'),
  });
  if (daraja) await ensureSandboxMpesaAccount(services[BACKENDS.findIndex(([service]) => service === ServiceNames.GatewayConnectors)].get(GatewayAccountsService), credentials.merchant_id, daraja);

  const edges: INestApplication[] = [];
  const edgeUrls: string[] = [];
  for (let replica = 0; replica < (config.PAYRAIL_EDGE_REPLICAS ?? 1); replica++) {
    const edge = await createEdgeApp({
      broker: await brokerFor(ServiceNames.ApiGateway),
      databaseUrl,
      logLevel,
      metrics,
      ...edgeSettings,
    });
    edges.push(edge);
    const port = config.PORT === 0 ? 0 : (config.PORT ?? 3000) + replica;
    await edge.listen(port, config.HOST ?? '127.0.0.1');
    edgeUrls.push((await edge.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost'));
  }
  const url = edgeUrls[0];
  // Written whole, then renamed: whoever waits for this file never reads half of it.
  await writeFile(join(dataDir, 'runtime.json.tmp'), JSON.stringify({ url, edgeUrls, databaseUrl, pid: process.pid }, null, 2), { mode: 0o600 });
  await chmod(join(dataDir, 'runtime.json.tmp'), 0o600);
  await rename(join(dataDir, 'runtime.json.tmp'), join(dataDir, 'runtime.json'));

  return {
    url,
    edgeUrls,
    dataDir,
    databaseUrl,
    embeddedDatabase: embedded !== undefined,
    transport: brokers[0].kind,
    webhooksToPrivateNetworks: env.PAYRAIL_WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'on',
    credentials,
    async close() {
      for (const edge of edges) await edge.close();
      for (const service of services.reverse()) await service.close();
      for (const broker of brokers) await broker.close();
      await embedded?.stop();
      await daraja?.simulator.stop();
      await tracing?.shutdown();
    },
  };
}
