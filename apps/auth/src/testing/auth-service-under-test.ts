import 'reflect-metadata';
import type { INestMicroservice } from '@nestjs/common';
import { ServiceNames } from '@payrail/contracts';
import { InProcessBroker, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth.module.js';
import { bootstrapMerchant, type BootstrapMerchantInput, type MerchantCredentials } from '../merchant-bootstrap/index.js';

/**
 * The auth service as its integration specs drive it: on a database of its own, behind an in-process
 * broker. Made at describe time so that specs can take `bus` and `broker` (to subscribe to events before
 * the service starts) at once; `start()` in beforeAll, `close()` in afterAll.
 */
export class AuthServiceUnderTest {
  readonly pepper = 'integration-pepper-0123456789abcdef0123456789';
  readonly secretsKey = 'integration-secrets-key-0123456789abcdef012345';
  /** Replaced by `restart()`. */
  broker = new InProcessBroker();
  /** Typed requests over the current broker. */
  readonly bus = busRequests(() => this.broker);
  private testDatabase?: TestDatabase;
  private service?: INestMicroservice;

  /** `env` is added to the process's environment, the pepper and the secrets key. */
  constructor(private readonly options: { env?: NodeJS.ProcessEnv } = {}) {}

  get database(): TestDatabase {
    return this.started(this.testDatabase);
  }

  get app(): INestMicroservice {
    return this.started(this.service);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async start(): Promise<this> {
    this.testDatabase = await openTestDatabase();
    await this.listen();
    return this;
  }

  /** A new service process on the same database, behind a new broker; `env` is added for this start only. */
  async restart(env: NodeJS.ProcessEnv = {}): Promise<this> {
    await this.service?.close();
    this.service = undefined;
    await this.broker.close();
    this.broker = new InProcessBroker();
    await this.listen(env);
    return this;
  }

  bootstrap(input: BootstrapMerchantInput): Promise<MerchantCredentials> {
    return bootstrapMerchant(this.dataSource, this.pepper, this.secretsKey, input);
  }

  async close(): Promise<void> {
    await this.service?.close();
    await this.broker.close();
    await this.testDatabase?.stop();
  }

  private async listen(overrides: NodeJS.ProcessEnv = {}): Promise<void> {
    const env = { ...process.env, PAYRAIL_API_KEY_PEPPER: this.pepper, PAYRAIL_SECRETS_KEY: this.secretsKey, ...this.options.env, ...overrides };
    const { broker } = this;
    this.service = await startService({ service: ServiceNames.Auth, module: AuthModule.forRoot({ broker, databaseUrl: this.database.url, env }), broker });
  }

  private started<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('The auth service under test is not started: call start() first');
    return value;
  }
}
