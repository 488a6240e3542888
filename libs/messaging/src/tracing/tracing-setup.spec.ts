import 'reflect-metadata';
import { InvalidConfigurationError, validateConfig } from '../config/validate-config.js';
import { RuntimeSettings } from '../config/runtime-settings.js';
import { tracingExportFrom } from './tracing-setup.js';

describe('tracing settings', () => {
  const settings = (env: NodeJS.ProcessEnv) => validateConfig(RuntimeSettings, env);

  it('is off unless an OTLP endpoint is set (an empty one counts as unset)', () => {
    expect(tracingExportFrom(settings({}), 'payments')).toBeUndefined();
    expect(tracingExportFrom(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_SERVICE_NAME: 'payrail-eu' }), 'payments')).toBeUndefined();
  });

  it('exports to the endpoint\'s /v1/traces, or to the traces endpoint as given, named after the service unless OTEL_SERVICE_NAME says otherwise', () => {
    expect(tracingExportFrom(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/' }), 'payments'))
      .toEqual({ tracesUrl: 'http://otel-collector:4318/v1/traces', serviceName: 'payments' });
    expect(tracingExportFrom(settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp/spans', OTEL_SERVICE_NAME: 'payrail-eu' }), 'payments'))
      .toEqual({ tracesUrl: 'https://traces.example.com/otlp/spans', serviceName: 'payrail-eu' });
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable', () => {
    const attempt = () => settings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector:4317' });
    expect(attempt).toThrow(InvalidConfigurationError);
    expect(attempt).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT.*OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/);
  });
});
