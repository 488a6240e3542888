import type { CreateWebhookEndpointParams } from '@payrail/contracts';
import { checkCreateWebhookEndpoint } from './create-webhook-endpoint.params.js';
import { refusal } from '@payrail/testing';

const valid: CreateWebhookEndpointParams = { url: 'https://example.com/hooks', enabled_events: ['charge.succeeded'] };

describe('create webhook endpoint parameters', () => {
  it('takes an absolute http(s) URL, known event types and defaults the rest', () => {
    expect(checkCreateWebhookEndpoint({ url: 'http://127.0.0.1:4242/hooks', enabled_events: ['*'] }, false, true)).toEqual({
      url: 'http://127.0.0.1:4242/hooks',
      enabledEvents: ['*'],
      description: null,
      metadata: {},
      apiVersion: null,
      signatureScheme: 'payrail',
      retrySchedule: null,
    });
    expect(checkCreateWebhookEndpoint({ ...valid, enabled_events: ['refund.created', 'refund.created', 'charge.refunded'], description: 'ops', metadata: { team: 'x' } }, true, true)).toEqual({
      url: 'https://example.com/hooks',
      enabledEvents: ['refund.created', 'charge.refunded'],
      description: 'ops',
      metadata: { team: 'x' },
      apiVersion: null,
      signatureScheme: 'payrail',
      retrySchedule: null,
    });
  });

  it('refuses a relative, non-http or credential-bearing URL, naming url', () => {
    for (const url of ['/hooks', 'example.com/hooks', 'ftp://example.com/hooks', 'javascript:alert(1)', 'https://user:pass@example.com/']) {
      const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, url }, false, true));
      expect([url, error.code, error.param]).toEqual([url, 'parameter_invalid', 'url']);
    }
    expect(refusal(() => checkCreateWebhookEndpoint({ ...valid, url: '' }, false, true)).code).toBe('parameter_missing');
  });

  it('in live mode, refuses plain http and hosts that are not public', () => {
    for (const url of ['http://example.com/hooks', 'https://localhost/hooks', 'https://10.0.0.5/hooks', 'https://[::1]/hooks', 'https://169.254.169.254/']) {
      const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, url }, true, true));
      expect([url, error.param]).toEqual([url, 'url']);
    }
  });

  it('in test mode, refuses loopback and private hosts unless the operator opted in, however the address is written', () => {
    for (const url of ['http://10.0.0.1/hooks', 'http://127.0.0.1:4242/', 'http://localhost/', 'http://[::1]/', 'http://0x7f.1/', 'http://[::ffff:a00:1]/', 'http://[64:ff9b::a00:1]/']) {
      const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, url }, false, false));
      expect([url, error.code, error.param]).toEqual([url, 'parameter_invalid', 'url']);
      expect(checkCreateWebhookEndpoint({ ...valid, url }, false, true).url).toBe(url);
    }
  });

  it('never takes a cloud metadata, link-local or reserved host, whatever the mode or opt-in', () => {
    const urls = ['http://169.254.169.254/latest/meta-data/', 'http://2852039166/', 'http://0xa9fea9fe/', 'http://[::ffff:169.254.169.254]/', 'http://[fd00:ec2::254]/', 'http://[fe80::1]/', 'http://[2002:a9fe:a9fe::]/', 'http://0.0.0.0:8080/'];
    for (const url of urls) {
      for (const allowPrivateNetworks of [false, true]) {
        const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, url }, false, allowPrivateNetworks));
        expect([url, error.code, error.param]).toEqual([url, 'parameter_invalid', 'url']);
        expect(error.message).not.toContain('169.254');
      }
    }
    expect(refusal(() => checkCreateWebhookEndpoint({ ...valid, url: 'http://169.254.169.254/' }, false, true)).message).toBe(
      'Invalid URL: must be publicly accessible; the host is a cloud metadata address.',
    );
  });

  it('refuses empty or unknown enabled_events with parameter_invalid on enabled_events', () => {
    for (const enabled_events of [[], ['charge.exploded'], ['*', 'gateway.transaction.recorded']]) {
      const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, enabled_events }, false, true));
      expect([error.code, error.param]).toEqual(['parameter_invalid', 'enabled_events']);
    }
    expect(refusal(() => checkCreateWebhookEndpoint({ url: valid.url } as CreateWebhookEndpointParams, false, true)).code).toBe('parameter_missing');
  });

  it('refuses bad metadata naming the key', () => {
    const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, metadata: { ['k'.repeat(41)]: 'v' } }, false, true));
    expect(error.code).toBe('parameter_invalid');
    expect(error.param).toMatch(/^metadata\[/);
  });

  it('takes a signature scheme, an api version and a bounded retry schedule, naming each parameter it refuses', () => {
    for (const scheme of ['payrail', 'stripe', 'standard-webhooks', 'sha256-hex']) {
      expect(checkCreateWebhookEndpoint({ ...valid, signature_scheme: scheme }, false, true).signatureScheme).toBe(scheme);
    }
    expect(checkCreateWebhookEndpoint({ ...valid, api_version: '2026-01-01', retry_schedule: [60, 300, 900] }, false, true)).toMatchObject({
      apiVersion: '2026-01-01',
      retrySchedule: [60, 300, 900],
    });
    expect(checkCreateWebhookEndpoint({ ...valid, retry_schedule: [] }, false, true).retrySchedule).toBeNull();
    const refusals: Array<[Partial<CreateWebhookEndpointParams>, string]> = [
      [{ signature_scheme: 'svix' }, 'signature_scheme'],
      [{ api_version: '2019-01-01' }, 'api_version'],
      [{ retry_schedule: [0] }, 'retry_schedule'],
      [{ retry_schedule: [60, 3 * 86_400 + 1] }, 'retry_schedule'],
      [{ retry_schedule: [1.5] }, 'retry_schedule'],
      [{ retry_schedule: Array(21).fill(60) }, 'retry_schedule'],
      [{ retry_schedule: [259_200, 259_200, 259_200] }, 'retry_schedule'],
    ];
    for (const [params, param] of refusals) {
      const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, ...params }, false, true));
      expect([params, error.code, error.param]).toEqual([params, 'parameter_invalid', param]);
    }
  });
});
