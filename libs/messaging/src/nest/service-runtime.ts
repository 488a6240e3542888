import type { MessageBroker } from '../broker/message-broker.js';
import type { PayrailMetrics } from '../metrics/payrail-metrics.js';

/** What a service module needs from whoever starts it: its own process, or the all-in-one platform. */
export interface ServiceRuntime {
  broker: MessageBroker;
  databaseUrl: string;
  /**
   * The environment its entry point read (main.ts, or the platform's), from which the module builds and
   * validates its own settings. Modules never read the process environment themselves.
   */
  env: NodeJS.ProcessEnv;
  /** False strands published events in the outbox (PAYRAIL_OUTBOX_RELAY=off); default true. */
  outboxRelay?: boolean;
  /** The process's one metrics registry, shared by every service in it (a private one when unset). */
  metrics?: PayrailMetrics;
}
