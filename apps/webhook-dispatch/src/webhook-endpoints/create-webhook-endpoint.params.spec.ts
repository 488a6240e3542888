import type { CreateWebhookEndpointParams } from '@payrail/contracts';
import { checkCreateWebhookEndpoint } from './create-webhook-endpoint.params.js';
import { refusal } from '@payrail/testing';

const valid: CreateWebhookEndpointParams = { url: 'https://example.com/hooks', enabled_events: ['charge.succeeded'] };

describe('create webhook endpoint parameters', () => {
  it('takes an absolute http(s) URL, known event types and defaults the rest', () => {
    expect(checkCreateWebhookEndpoint({ url: 'http://127.0.0.1:4242/hooks', enabled_events: ['*'] }, false)).toEqual({
      url: 'http://127.0.0.1:4242/hooks',
      enabledEvents: ['*'],
      description: null,
      metadata: {},
    });
    expect(checkCreateWebhookEndpoint({ ...valid, enabled_events: ['refund.created', 'refund.created', 'charge.refunded'], description: 'ops', metadata: { team: 'x' } }, true)).toEqual({
      url: 'https://example.com/hooks',
      enabledEvents: ['refund.created', 'charge.refunded'],
      description: 'ops',
      metadata: { team: 'x' },
    });
  });

  it('refuses a relative, non-http or credential-bearing URL, naming url', () => {
    for (const url of ['/hooks', 'example.com/hooks', 'ftp://example.com/hooks', 'javascript:alert(1)', 'https://user:pass@example.com/']) {
      const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, url }, false));
      expect([url, error.code, error.param]).toEqual([url, 'parameter_invalid', 'url']);
    }
    expect(refusal(() => checkCreateWebhookEndpoint({ ...valid, url: '' }, false)).code).toBe('parameter_missing');
  });

  it('in live mode, refuses plain http and hosts that are not public', () => {
    for (const url of ['http://example.com/hooks', 'https://localhost/hooks', 'https://10.0.0.5/hooks', 'https://[::1]/hooks', 'https://169.254.169.254/']) {
      const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, url }, true));
      expect([url, error.param]).toEqual([url, 'url']);
    }
  });

  it('refuses empty or unknown enabled_events with parameter_invalid on enabled_events', () => {
    for (const enabled_events of [[], ['charge.exploded'], ['*', 'gateway.transaction.recorded'], [42 as unknown as string], 'charge.succeeded' as unknown as string[]]) {
      const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, enabled_events }, false));
      expect([error.code, error.param]).toEqual(['parameter_invalid', 'enabled_events']);
    }
    expect(refusal(() => checkCreateWebhookEndpoint({ url: valid.url } as CreateWebhookEndpointParams, false)).code).toBe('parameter_missing');
  });

  it('refuses bad metadata naming the key', () => {
    const error = refusal(() => checkCreateWebhookEndpoint({ ...valid, metadata: { ['k'.repeat(41)]: 'v' } }, false));
    expect(error.code).toBe('parameter_invalid');
    expect(error.param).toMatch(/^metadata\[/);
  });
});
