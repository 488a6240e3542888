import { secondsSince, type ServiceMetrics } from '@payrail/messaging';
import type { PaymentConnector } from './payment-connector.js';

type Operation = Exclude<keyof PaymentConnector, 'name' | 'probe'>;
type LookUpFee = NonNullable<PaymentConnector['lookUpFee']>;

interface OutcomeCarrier {
  outcome?: unknown;
  status?: unknown;
}

/**
 * A connector whose calls are timed into `payrail_connector_call_duration_seconds` by gateway, operation
 * and outcome: the authorisation's outcome (`succeeded`, `declined`, …) or the settlement's status, and
 * `error` when the call threw (the gateway refused, timed out, or could not be reached). Every
 * payment's call to a gateway goes through the ConnectorRegistry, which hands out only these.
 */
export class InstrumentedConnector implements PaymentConnector {
  readonly name: string;
  readonly probe?: () => Promise<void>;
  readonly lookUpFee?: LookUpFee;

  constructor(
    private readonly inner: PaymentConnector,
    private readonly gateway: string,
    private readonly metrics: ServiceMetrics,
  ) {
    this.name = inner.name;
    // Health probes are the prober's to record (gateway health); they are not payment traffic.
    if (inner.probe) this.probe = () => inner.probe!();
    if (inner.lookUpFee) {
      const lookUp = inner.lookUpFee.bind(inner);
      this.lookUpFee = async (request) => (await this.timed('lookUpFee', async () => ({ fee: await lookUp(request) }))).fee;
    }
  }

  authorize: PaymentConnector['authorize'] = (request) => this.timed('authorize', () => this.inner.authorize(request));
  completeAuthentication: PaymentConnector['completeAuthentication'] = (request) =>
    this.timed('completeAuthentication', () => this.inner.completeAuthentication(request));
  sync: PaymentConnector['sync'] = (request) => this.timed('sync', () => this.inner.sync(request));
  capture: PaymentConnector['capture'] = (request) => this.timed('capture', () => this.inner.capture(request));
  void: PaymentConnector['void'] = (request) => this.timed('void', () => this.inner.void(request));
  refund: PaymentConnector['refund'] = (request) => this.timed('refund', () => this.inner.refund(request));
  syncRefund: PaymentConnector['syncRefund'] = (request) => this.timed('syncRefund', () => this.inner.syncRefund(request));

  private async timed<T extends object>(operation: Operation, call: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    try {
      const result = await call();
      this.metrics.connectorCall(this.gateway, operation, outcomeOf(result), secondsSince(startedAt));
      return result;
    } catch (error) {
      this.metrics.connectorCall(this.gateway, operation, 'error', secondsSince(startedAt));
      throw error;
    }
  }
}

/** Both fields hold small fixed unions (AuthorizeOutcome, settlement and sync statuses): safe as labels. */
function outcomeOf(result: OutcomeCarrier): string {
  if (typeof result.outcome === 'string') return result.outcome;
  if (typeof result.status === 'string') return result.status;
  return 'ok';
}
