import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A reading taken when Prometheus scrapes (a count in the database), for one service. */
export type GaugeSample = () => Promise<number>;

/** Seconds: from a fast in-process hop to a bus timeout (15 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];
/** Seconds an event waits in the outbox: one relay poll (250 ms) to minutes of a broker outage. */
const LAG_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * The process's one Prometheus registry: every series carries `service`, the service whose code
 * recorded it, so that the all-in-one process (every service in one registry) reads like the
 * distributed one. Labels are bounded sets only — route templates, pattern and topic names, gateways,
 * outcomes — never ids, paths or amounts.
 */
export class PayrailMetrics {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'service' | 'method' | 'route' | 'status_class'>;
  readonly busRequestDuration: Histogram<'service' | 'pattern' | 'outcome'>;
  readonly eventHandlingDuration: Histogram<'service' | 'topic' | 'outcome'>;
  readonly outboxRelayLag: Histogram<'service'>;
  readonly webhookDeliveries: Counter<'service' | 'outcome'>;
  readonly webhookDeliveryDuration: Histogram<'service' | 'outcome'>;
  readonly connectorCallDuration: Histogram<'service' | 'gateway' | 'operation' | 'outcome'>;
  readonly rateLimitRefusals: Counter<'service' | 'limit'>;
  readonly gatewayFeeChecks: Counter<'service' | 'gateway' | 'outcome'>;
  private readonly samplers = new Map<string, Map<string, GaugeSample>>();

  /** `runtime`: collect Node's own metrics (heap, GC, event loop) under `service: runtime.service`. */
  constructor(options: { runtime?: { service: string } } = {}) {
    const registers = [this.registry];
    if (options.runtime) collectDefaultMetrics({ register: this.registry, labels: { service: options.runtime.service } });
    this.httpRequestDuration = new Histogram({
      name: 'payrail_http_request_duration_seconds',
      help: 'HTTP requests at the edge, by route template and status class',
      labelNames: ['service', 'method', 'route', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.busRequestDuration = new Histogram({
      name: 'payrail_bus_request_duration_seconds',
      help: 'Request/reply round trips over the bus, seen by the sender, by pattern and outcome (ok, error, timeout, transport_error)',
      labelNames: ['service', 'pattern', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.eventHandlingDuration = new Histogram({
      name: 'payrail_event_handling_duration_seconds',
      help: 'Events consumed from a topic, by topic and outcome (ok, error)',
      labelNames: ['service', 'topic', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.outboxRelayLag = new Histogram({
      name: 'payrail_outbox_relay_lag_seconds',
      help: 'From an event committed to the outbox to its publication on the bus',
      labelNames: ['service'],
      buckets: LAG_BUCKETS,
      registers,
    });
    this.webhookDeliveries = new Counter({
      name: 'payrail_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome (succeeded, retry, failed: no retries left, canceled)',
      labelNames: ['service', 'outcome'],
      registers,
    });
    this.webhookDeliveryDuration = new Histogram({
      name: 'payrail_webhook_delivery_duration_seconds',
      help: 'Time for a webhook endpoint to answer a delivery attempt, by outcome',
      labelNames: ['service', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.connectorCallDuration = new Histogram({
      name: 'payrail_connector_call_duration_seconds',
      help: 'Calls to a gateway through its connector, by gateway, operation and outcome (the authorisation outcome, ok, or error)',
      labelNames: ['service', 'gateway', 'operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rateLimitRefusals = new Counter({
      name: 'payrail_rate_limit_refusals_total',
      help: 'Requests refused by the edge rate limits (429), by limit class',
      labelNames: ['service', 'limit'],
      registers,
    });
    this.gatewayFeeChecks = new Counter({
      name: 'payrail_gateway_fee_checks_total',
      help: 'Checks of an awaited gateway fee by the fee backfill, by gateway and outcome (booked, not_yet, error, gave_up: no fee by the give-up age)',
      labelNames: ['service', 'gateway', 'outcome'],
      registers,
    });
    this.sampledGauge('payrail_outbox_backlog', 'Outbox events not yet published');
    this.sampledGauge('payrail_outbox_oldest_unpublished_seconds', 'Age of the oldest outbox event not yet published (0 when none)');
    this.sampledGauge('payrail_webhook_pending_deliveries', 'Webhook deliveries waiting for a first or a further attempt');
    this.sampledGauge('payrail_consumer_lag_events', 'Events published to the service\'s consumer group and not yet handled by it (Kafka: as of each partition\'s last batch)');
  }

  /** The facade a service's code records through, with its `service` label fixed. */
  forService(service: string): ServiceMetrics {
    return new ServiceMetrics(this, service);
  }

  /** Reads `sample` for `service` on every scrape of `gauge` (one of the sampled gauges); returns the undo. */
  sample(gauge: SampledGaugeName, service: string, sample: GaugeSample): () => void {
    const byService = this.samplers.get(gauge)!;
    byService.set(service, sample);
    return () => {
      if (byService.get(service) === sample) byService.delete(service);
    };
  }

  /** The Prometheus text exposition of everything in the registry. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private sampledGauge(name: SampledGaugeName, help: string): void {
    const samplers = new Map<string, GaugeSample>();
    this.samplers.set(name, samplers);
    const gauge: Gauge<'service'> = new Gauge({
      name,
      help,
      labelNames: ['service'],
      registers: [this.registry],
      // A service whose reading fails (its database is down) is left out of this scrape rather than failing it.
      async collect() {
        gauge.reset();
        await Promise.all(
          [...samplers].map(async ([service, sample]) => {
            const value = await sample().catch(() => undefined);
            if (value !== undefined) gauge.set({ service }, value);
          }),
        );
      },
    });
  }
}

export type SampledGaugeName =
  | 'payrail_outbox_backlog'
  | 'payrail_outbox_oldest_unpublished_seconds'
  | 'payrail_webhook_pending_deliveries'
  | 'payrail_consumer_lag_events';

export type BusOutcome = 'ok' | 'error' | 'timeout' | 'transport_error';

/** One service's view of the process registry: what its code records, labelled with its name. */
const WEBHOOK_OUTCOMES = ['succeeded', 'retry', 'failed', 'canceled'] as const;
type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];
const GATEWAY_FEE_CHECK_OUTCOMES = ['booked', 'not_yet', 'error', 'gave_up'] as const;
export type GatewayFeeCheckOutcome = (typeof GATEWAY_FEE_CHECK_OUTCOMES)[number];

export class ServiceMetrics {
  constructor(
    readonly metrics: PayrailMetrics,
    readonly service: string,
  ) {}

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.metrics.httpRequestDuration.observe({ service: this.service, method, route, status_class: statusClass(status) }, seconds);
  }

  busRequest(pattern: string, outcome: BusOutcome, seconds: number): void {
    this.metrics.busRequestDuration.observe({ service: this.service, pattern, outcome }, seconds);
  }

  eventHandled(topic: string, outcome: 'ok' | 'error', seconds: number): void {
    this.metrics.eventHandlingDuration.observe({ service: this.service, topic, outcome }, seconds);
  }

  eventRelayed(secondsInOutbox: number): void {
    this.metrics.outboxRelayLag.observe({ service: this.service }, secondsInOutbox);
  }

  /**
   * A labelled counter has no series until its first increment, so the increments of the scrape interval
   * that creates it never show in `rate()` (52 refusals between two scrapes read as 0 in a live run): the
   * known label sets start at 0.
   */
  rateLimitsDeclared(limits: readonly string[]): void {
    for (const limit of limits) this.metrics.rateLimitRefusals.inc({ service: this.service, limit }, 0);
  }

  /** Each delivery outcome's series at 0, as rateLimitsDeclared does for refusals. */
  webhookOutcomesDeclared(): void {
    for (const outcome of WEBHOOK_OUTCOMES) this.metrics.webhookDeliveries.inc({ service: this.service, outcome }, 0);
  }

  webhookDelivery(outcome: WebhookOutcome, seconds: number | null): void {
    this.metrics.webhookDeliveries.inc({ service: this.service, outcome });
    if (seconds !== null) this.metrics.webhookDeliveryDuration.observe({ service: this.service, outcome }, seconds);
  }

  /** Each fee-check outcome's series at 0 for these gateways, as rateLimitsDeclared does for refusals. */
  gatewayFeeChecksDeclared(gateways: readonly string[]): void {
    for (const gateway of gateways) for (const outcome of GATEWAY_FEE_CHECK_OUTCOMES) this.metrics.gatewayFeeChecks.inc({ service: this.service, gateway, outcome }, 0);
  }

  gatewayFeeCheck(gateway: string, outcome: GatewayFeeCheckOutcome): void {
    this.metrics.gatewayFeeChecks.inc({ service: this.service, gateway, outcome });
  }

  connectorCall(gateway: string, operation: string, outcome: string, seconds: number): void {
    this.metrics.connectorCallDuration.observe({ service: this.service, gateway, operation, outcome }, seconds);
  }

  rateLimitRefused(limit: string): void {
    this.metrics.rateLimitRefusals.inc({ service: this.service, limit });
  }

  sample(gauge: SampledGaugeName, sample: GaugeSample): () => void {
    return this.metrics.sample(gauge, this.service, sample);
  }
}

function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

/** Seconds since `startedAt` (a `performance.now()` reading). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
