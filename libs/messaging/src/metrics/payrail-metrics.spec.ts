import { Controller, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Patterns, Topics } from '@payrail/contracts';
import { PayrailError, serializeError } from '@payrail/errors';
import { seriesValue } from '@payrail/testing';
import type { RequestHandler } from '../broker/message-broker.js';
import { InProcessBroker } from '../in-process/in-process.broker.js';
import { MessageClient } from '../message-client.js';
import { startService } from '../nest/service-runner.js';
import { PayrailMetrics } from './payrail-metrics.js';

describe('the process metrics registry', () => {
  it('times bus requests on the sending side by pattern and outcome: ok, a domain error, a timeout', async () => {
    const metrics = new PayrailMetrics();
    const broker = new InProcessBroker();
    await broker.serveRequests('payments', new Map<string, RequestHandler>([
      [Patterns.PaymentsPing, async () => ({ ok: true as const, data: { service: 'payments' } })],
      [Patterns.PaymentIntentCreate, async () => ({ ok: false as const, error: serializeError(new PayrailError('parameter_invalid', 'Bad amount')) })],
    ]));
    const client = new MessageClient(broker, metrics.forService('api-gateway'));

    await client.send(Patterns.PaymentsPing, {});
    await client.send(Patterns.PaymentsPing, {});
    await expect(client.send(Patterns.PaymentIntentCreate, {} as never)).rejects.toMatchObject({ code: 'parameter_invalid' });
    await expect(client.send(Patterns.RefundsPing, {}, { timeoutMs: 30 })).rejects.toMatchObject({ code: 'upstream_timeout' });

    const count = (pattern: string, outcome: string) =>
      seriesValue(metrics, 'payrail_bus_request_duration_seconds_count', { service: 'api-gateway', pattern, outcome });
    expect(await count(Patterns.PaymentsPing, 'ok')).toBe(2);
    expect(await count(Patterns.PaymentIntentCreate, 'error')).toBe(1);
    expect(await count(Patterns.RefundsPing, 'timeout')).toBe(1);
    expect(await seriesValue(metrics, 'payrail_bus_request_duration_seconds_sum', { pattern: Patterns.RefundsPing })).toBeGreaterThanOrEqual(0.025);
  });

  it('times each consumed event by topic and outcome, under the consuming service', async () => {
    const metrics = new PayrailMetrics();
    const broker = new InProcessBroker();
    let failuresLeft = 1;
    @Controller()
    class LedgerEventsConsumer {
      @EventPattern(Topics.PaymentsEvents)
      handle(@Payload() event: { fail?: boolean }): void {
        // Fails once; the transport redelivers until the handler succeeds.
        if (event.fail && failuresLeft-- > 0) throw new Error('handler failed');
      }
    }
    @Module({ controllers: [LedgerEventsConsumer] })
    class ConsumerModule {}
    const app = await startService({ service: 'ledger', module: ConsumerModule, broker, metrics, logLevel: 'fatal' });
    try {
      await broker.publish(Topics.PaymentsEvents, [{ key: 'pi_1', data: {}, headers: {} }, { key: 'pi_2', data: {}, headers: {} }]);
      await broker.publish(Topics.PaymentsEvents, [{ key: 'pi_3', data: { fail: true }, headers: {} }]);
      const count = (outcome: string) =>
        seriesValue(metrics, 'payrail_event_handling_duration_seconds_count', { service: 'ledger', topic: Topics.PaymentsEvents, outcome });
      expect(await count('ok')).toBe(3);
      expect(await count('error')).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('reports a consuming service\'s lag: the events published to its group and not yet handled', async () => {
    const metrics = new PayrailMetrics();
    const broker = new InProcessBroker();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    @Controller()
    class SlowConsumer {
      @EventPattern(Topics.PaymentsEvents)
      async handle(@Payload() event: unknown): Promise<unknown> {
        await held;
        return event;
      }
    }
    @Module({ controllers: [SlowConsumer] })
    class SlowModule {}
    const app = await startService({ service: 'ledger', module: SlowModule, broker, metrics, logLevel: 'fatal' });
    try {
      const lag = () => seriesValue(metrics, 'payrail_consumer_lag_events', { service: 'ledger' });
      expect(await lag()).toBe(0);
      const published = broker.publish(Topics.PaymentsEvents, [1, 2, 3].map((n) => ({ key: `pi_${n}`, data: {}, headers: {} })));
      await new Promise((resolve) => setImmediate(resolve));
      expect(await lag()).toBe(3);
      release();
      await published;
      expect(await lag()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('reads sampled gauges at scrape time per service, leaves out a service whose reading fails, and stops when undone', async () => {
    const metrics = new PayrailMetrics();
    let backlog = 3;
    const stopPayments = metrics.forService('payments').sample('payrail_outbox_backlog', async () => backlog);
    metrics.forService('refunds').sample('payrail_outbox_backlog', () => Promise.reject(new Error('database down')));

    expect(await seriesValue(metrics, 'payrail_outbox_backlog', { service: 'payments' })).toBe(3);
    backlog = 0;
    expect(await seriesValue(metrics, 'payrail_outbox_backlog', { service: 'payments' })).toBe(0);
    expect(await seriesValue(metrics, 'payrail_outbox_backlog', { service: 'refunds' })).toBeUndefined();
    stopPayments();
    expect(await seriesValue(metrics, 'payrail_outbox_backlog', { service: 'payments' })).toBeUndefined();
  });

  it('shows the known refusal classes and delivery outcomes at 0 before the first one, so that the first burst shows in a rate', async () => {
    const metrics = new PayrailMetrics();
    metrics.forService('api-gateway').rateLimitsDeclared(['payment_creation', 'status_read']);
    metrics.forService('webhook-dispatch').webhookOutcomesDeclared();
    expect(await seriesValue(metrics, 'payrail_rate_limit_refusals_total', { service: 'api-gateway', limit: 'status_read' })).toBe(0);
    expect(await seriesValue(metrics, 'payrail_webhook_deliveries_total', { service: 'webhook-dispatch', outcome: 'failed' })).toBe(0);
    metrics.forService('api-gateway').rateLimitRefused('status_read');
    expect(await seriesValue(metrics, 'payrail_rate_limit_refusals_total', { service: 'api-gateway', limit: 'status_read' })).toBe(1);
  });

  it('exposes Node runtime metrics under the process\'s service label, in the Prometheus text format', async () => {
    const metrics = new PayrailMetrics({ runtime: { service: 'platform' } });
    metrics.forService('api-gateway').rateLimitRefused('payment_creation');
    const text = await metrics.exposition();
    expect(metrics.contentType).toMatch(/^text\/plain/);
    expect(text).toMatch(/^process_resident_memory_bytes\{service="platform"\} \d+/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="platform"\} \d+/m);
    expect(text).toContain('payrail_rate_limit_refusals_total{service="api-gateway",limit="payment_creation"} 1');
  });
});
