import { inspect } from 'node:util';
import { IsInt, IsNotEmpty, IsOptional, IsString, MinLength } from 'class-validator';
import { ServiceRuntimeSettings, toLogLevel } from './runtime-settings.js';
import { maskSecrets, Secret } from './secret.js';
import { InvalidConfigurationError, loadTogether, settingNames, validateConfig } from './validate-config.js';

class ExampleSettings extends ServiceRuntimeSettings {
  @IsString() @IsNotEmpty() DATABASE_URL!: string;
  @Secret() @IsString() @MinLength(32) EXAMPLE_KEY!: string;
  @IsOptional() @IsInt() EXAMPLE_PORT?: number;
}

const key = 'an-example-key-that-is-long-enough-0123456789';

describe('validated configuration', () => {
  it('carries only the declared variables, converted, with empty ones counted as unset', () => {
    const config = validateConfig(ExampleSettings, {
      DATABASE_URL: 'postgres://payrail@db/payrail',
      EXAMPLE_KEY: key,
      EXAMPLE_PORT: '8080',
      KAFKA_NAMESPACE: '',
      AWS_SECRET_ACCESS_KEY: 'not-ours',
    });
    expect({ ...config }).toEqual({ DATABASE_URL: 'postgres://payrail@db/payrail', EXAMPLE_KEY: key, EXAMPLE_PORT: 8080 });
    expect(settingNames(ExampleSettings).sort()).toEqual(['DATABASE_URL', 'EXAMPLE_KEY', 'EXAMPLE_PORT', 'KAFKA_NAMESPACE', 'LOG_LEVEL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_SERVICE_NAME', 'PAYRAIL_INBOX_RETENTION_DAYS', 'PAYRAIL_OUTBOX_RELAY']);
  });

  it('fails listing every bad variable by name, never a value', () => {
    const attempt = () => validateConfig(ExampleSettings, { EXAMPLE_KEY: 'short-value', EXAMPLE_PORT: 'eighty', LOG_LEVEL: 'loud', PAYRAIL_OUTBOX_RELAY: 'paused', PAYRAIL_INBOX_RETENTION_DAYS: '0' });
    expect(attempt).toThrow(InvalidConfigurationError);
    let problems: readonly string[] = [];
    try {
      attempt();
    } catch (error) {
      problems = (error as InvalidConfigurationError).problems;
      expect((error as Error).message).not.toMatch(/short-value|eighty|loud|paused/);
    }
    expect(problems.map((problem) => problem.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'EXAMPLE_KEY', 'EXAMPLE_PORT', 'LOG_LEVEL', 'PAYRAIL_INBOX_RETENTION_DAYS', 'PAYRAIL_OUTBOX_RELAY']);
    expect(problems).toContain('EXAMPLE_KEY must be longer than or equal to 32 characters');
    expect(problems.find((problem) => problem.startsWith('PAYRAIL_OUTBOX_RELAY'))).toMatch(/one of the following values: on, off/);
  });

  it('gathers the problems of several loaders into one error', () => {
    const attempt = () => loadTogether(
      () => validateConfig(ExampleSettings, { DATABASE_URL: 'postgres://db/x', EXAMPLE_KEY: key }),
      () => { throw new InvalidConfigurationError(['OTHER_SETTING: isInt']); },
      () => { throw new Error('PAYRAIL_PUBLIC_URL must be an http(s) URL'); },
    );
    expect(attempt).toThrow('Invalid configuration: OTHER_SETTING: isInt; PAYRAIL_PUBLIC_URL must be an http(s) URL');
    const [config, answer] = loadTogether(() => validateConfig(ExampleSettings, { DATABASE_URL: 'postgres://db/x', EXAMPLE_KEY: key }), () => 42);
    expect([config.DATABASE_URL, answer]).toEqual(['postgres://db/x', 42]);
  });

  it('masks secrets and database passwords when the configuration is logged', () => {
    const config = validateConfig(ExampleSettings, { DATABASE_URL: 'postgres://payrail:hunter2-password@db:5432/payrail', EXAMPLE_KEY: key, LOG_LEVEL: 'info' });
    const logged = JSON.stringify(maskSecrets(config));
    expect(logged).not.toContain(key);
    expect(logged).not.toContain('hunter2-password');
    expect(maskSecrets(config)).toEqual({ DATABASE_URL: 'postgres://payrail:[REDACTED]@db:5432/payrail', EXAMPLE_KEY: '[REDACTED]', LOG_LEVEL: 'info' });
    expect(inspect(maskSecrets(config))).not.toContain(key);
  });

  it('reads LOG_LEVEL info as Nest\'s log level', () => {
    expect([toLogLevel(undefined), toLogLevel('info'), toLogLevel('warn')]).toEqual(['log', 'log', 'warn']);
  });
});
