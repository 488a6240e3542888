import type { Gateway, GatewayCapabilities, GatewayFee } from '@payrail/contracts';
import { GatewayHttpClient, GatewayUnreachableError } from '../http/gateway-http-client.js';
import type { ConnectorAuthorizeResult, ConnectorFactory, GatewayAccountContext, PaymentConnector } from '../routing/payment-connector.js';

/**
 * What a scripted account does when asked to authorise:
 * - `pays`: approves;
 * - `refuses_connections`: calls a port nobody listens on, through the real GatewayHttpClient;
 * - `hangs`: calls a server that takes the request and never answers (its `hangingUrl`), timing out after sending;
 * - `unreachable`: reports at once that nothing was sent (a cheap outage, for the breaker);
 * - `redirects_for_3ds`: answers `requires_action` with its own 3-D Secure page's URL, as Stripe does, and
 *   completes the authorisation once the spec says the customer finished there (`finishAuthentication`).
 * A `hangs` account took the request: the gateway authorised it and died before answering. While an
 * account hangs or is unreachable, a sync cannot reach it either; once it `pays` again, a sync finds
 * what it took (and `not_found` for what it never got).
 */
export type ScriptedBehaviour = 'pays' | 'refuses_connections' | 'hangs' | 'unreachable' | 'redirects_for_3ds';

const approved: ConnectorAuthorizeResult = {
  outcome: 'succeeded',
  card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US', fingerprint: 'fp_scripted' },
  networkStatus: 'approved_by_network',
  riskLevel: 'normal',
  sellerMessage: 'Payment complete.',
  externalReference: null,
};

function awaitingAuthentication(externalReference: string) {
  return {
    outcome: 'requires_action' as const,
    networkStatus: 'not_sent_to_network' as const,
    riskLevel: 'normal' as const,
    sellerMessage: 'The issuer requires 3D Secure authentication.',
    externalReference,
    redirectUrl: `https://gateway.example/3ds/${encodeURIComponent(externalReference)}`,
  };
}

/** A test-only gateway whose accounts do what the spec scripts for them, counting the calls they get. */
export class ScriptedConnectorFactory implements ConnectorFactory {
  readonly credentialFields = ['secret_key'];
  readonly behaviours = new Map<string, ScriptedBehaviour>();
  readonly calls = new Map<string, number>();
  /** What each account's gateway took, by idempotency key. */
  private readonly taken = new Map<string, { amount: number; currency: string; captureMethod: 'automatic' | 'manual' }>();
  /** The return URL each authorisation was sent with, by its gateway reference. */
  readonly returnUrls = new Map<string, string | undefined>();
  /** Gateway references whose 3-D Secure the customer finished at the gateway's page. */
  private readonly authenticated = new Set<string>();
  /** Added to every `pays` answer, to hold a call open (concurrency specs). */
  delayMs = 0;
  /** The fee every `pays` answer reports, whatever the capture method (a gateway that captured early says it too). */
  feeOnSuccess: GatewayFee | undefined;
  private readonly http = new GatewayHttpClient();

  constructor(
    readonly gateway: Gateway,
    readonly capabilities: GatewayCapabilities,
    private readonly addresses: { refusingUrl: string; hangingUrl: string },
  ) {}

  validateCredentials(): void {}

  callsTo(accountId: string): number {
    return this.calls.get(accountId) ?? 0;
  }

  /** The customer passes 3-D Secure on the gateway's page of the authorisation with this reference. */
  finishAuthentication(gatewayReference: string): void {
    this.authenticated.add(gatewayReference);
  }

  create(account: GatewayAccountContext): PaymentConnector {
    const unused = () => Promise.reject(new Error('not scripted'));
    return {
      name: this.gateway,
      authorize: async (request) => {
        this.calls.set(account.id, this.callsTo(account.id) + 1);
        const behaviour = this.behaviours.get(account.id) ?? 'pays';
        if (behaviour === 'unreachable') throw new GatewayUnreachableError('scripted outage: nothing sent');
        if (behaviour === 'hangs') this.taken.set(`${account.id}:${request.idempotencyKey}`, { amount: request.amount, currency: request.currency, captureMethod: request.captureMethod });
        if (behaviour === 'refuses_connections' || behaviour === 'hangs') {
          const url = behaviour === 'hangs' ? this.addresses.hangingUrl : this.addresses.refusingUrl;
          await this.http.send(this.gateway, { method: 'POST', url, body: request.idempotencyKey, idempotent: false, timeoutMs: 300 });
          throw new Error('the scripted address answered');
        }
        if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        const externalReference = `scripted_${account.id}_${request.idempotencyKey}`;
        if (behaviour === 'redirects_for_3ds') {
          this.returnUrls.set(externalReference, request.returnUrl);
          this.taken.set(`${account.id}:${request.idempotencyKey}`, { amount: request.amount, currency: request.currency, captureMethod: request.captureMethod });
          return { ...awaitingAuthentication(externalReference), card: approved.card };
        }
        return { ...approved, externalReference, ...(this.feeOnSuccess ? { gatewayFee: this.feeOnSuccess } : {}) };
      },
      completeAuthentication: async (request) => {
        const externalReference = request.authorization.externalReference ?? '';
        if (!this.authenticated.has(externalReference)) return awaitingAuthentication(externalReference);
        const { card: _card, ...answer } = approved;
        return { ...answer, externalReference };
      },
      capture: unused,
      void: unused,
      refund: unused,
      syncRefund: unused,
      sync: async (request) => {
        const behaviour = this.behaviours.get(account.id) ?? 'pays';
        if (behaviour === 'hangs' || behaviour === 'unreachable') throw new GatewayUnreachableError('scripted outage: the gateway is still down');
        const taken = this.taken.get(`${account.id}:${request.idempotencyKey}`);
        if (!taken) return { status: 'not_found' };
        const externalReference = `scripted_${account.id}_${request.idempotencyKey}`;
        const waiting = behaviour === 'redirects_for_3ds' && !this.authenticated.has(externalReference);
        return { status: 'found', ...taken, answer: waiting ? awaitingAuthentication(externalReference) : { ...approved, externalReference } };
      },
    };
  }
}
