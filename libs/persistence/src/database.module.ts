import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { runMigrationsLocked } from './run-migrations.js';
import { DATABASE_SCHEMA } from './tokens.js';

export interface DatabaseOptions {
  url: string;
  /** The service's own schema: no service reads another's. */
  schema: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
}

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_SCHEMA, useValue: options.schema },
        { provide: DataSource, useFactory: () => openDataSource(options) },
      ],
      exports: [DataSource, DATABASE_SCHEMA],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Opens the service's data source and brings its schema up to date with its own migrations. */
export async function openDataSource(options: DatabaseOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    applicationName: `payrail-${options.schema}`,
    extra: { max: options.poolSize ?? 10 },
  });
  await dataSource.initialize();
  await runMigrationsLocked(dataSource, options.schema);
  return dataSource;
}
