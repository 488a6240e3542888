import { ApiKeyAuthenticator } from './auth/api-key.js';
import type { Authenticator } from './auth/authenticator.js';
import { OAuthAuthenticator, type OAuthClientCredentials } from './auth/oauth-client-credentials.js';
import { SignedRequestAuthenticator, type SigningKey } from './auth/signed-request.js';
import { PayrailError } from './errors.js';
import { streamEvents, type EventStreamOptions } from './events/event-stream.js';
import {
  AccountApi, ApiKeysApi, BalanceApi, BaseAPI, ChargesApi, CheckoutSessionsApi, Configuration, CustomersApi, DisputesApi,
  EventsApi, GatewayAccountsApi, GatewaysApi, LedgerAccountsApi, MpesaApiApi, OAuthClientsApi, PaymentIntentsApi,
  PaymentMethodsApi, RefundsApi, ReportingApi, RequestLogsApi, RoutingRulesApi, SigningKeysApi, TransfersApi, UsersApi,
  WebhookEndpointsApi, type EventResource, type Middleware,
} from './generated/index.js';
import { createTransport, type TransportOptions } from './http/transport.js';
import type { RetryOptions } from './http/retry-policy.js';
import { SDK_VERSION } from './version.js';

export interface PayrailOptions {
  /** The API's origin (default `http://localhost:3000`, the platform's default port). */
  baseUrl?: string;
  /** A secret API key, `sk_test_…`/`sk_live_…`. */
  apiKey?: string;
  /** OAuth2 client credentials; a token is fetched, cached and renewed before it expires. */
  oauth?: OAuthClientCredentials;
  /** An HMAC signing key (`hk_…` and its secret): every request is signed. */
  signingKey?: SigningKey;
  retries?: RetryOptions;
  /** Each attempt's limit in milliseconds (default 30,000). */
  timeoutMs?: number;
  /** Another `fetch` (a proxy agent, a test double). */
  fetch?: typeof fetch;
  onRetry?: TransportOptions['onRetry'];
}

type ApiClass<T extends BaseAPI> = new (configuration: Configuration) => T;

/** The generated runtime wraps whatever `fetch` throws in its own FetchError: let the SDK's typed errors through as they are. */
const typedErrorsThrough: Middleware = {
  onError: async ({ error }) => {
    if (error instanceof PayrailError) throw error;
    return undefined;
  },
};

/** One client: every generated API over one authenticated, retrying transport. */
export class Payrail {
  readonly baseUrl: string;
  readonly authenticator: Authenticator;
  readonly configuration: Configuration;

  readonly account: AccountApi;
  readonly apiKeys: ApiKeysApi;
  readonly balance: BalanceApi;
  readonly charges: ChargesApi;
  readonly checkoutSessions: CheckoutSessionsApi;
  readonly customers: CustomersApi;
  readonly disputes: DisputesApi;
  readonly events: EventsApi;
  readonly gatewayAccounts: GatewayAccountsApi;
  readonly gateways: GatewaysApi;
  readonly ledgerAccounts: LedgerAccountsApi;
  readonly mpesa: MpesaApiApi;
  readonly oauthClients: OAuthClientsApi;
  readonly paymentIntents: PaymentIntentsApi;
  readonly paymentMethods: PaymentMethodsApi;
  readonly refunds: RefundsApi;
  readonly reporting: ReportingApi;
  readonly requestLogs: RequestLogsApi;
  readonly routingRules: RoutingRulesApi;
  readonly signingKeys: SigningKeysApi;
  readonly transfers: TransfersApi;
  readonly users: UsersApi;
  readonly webhookEndpoints: WebhookEndpointsApi;

  constructor(options: PayrailOptions) {
    this.baseUrl = (options.baseUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
    const fetchImpl = options.fetch ?? globalThis.fetch;
    this.authenticator = chooseAuthenticator(options, `${this.baseUrl}/oauth/token`, fetchImpl);
    const transport = createTransport({
      authenticator: this.authenticator,
      retries: options.retries,
      timeoutMs: options.timeoutMs,
      fetch: fetchImpl,
      onRetry: options.onRetry,
      userAgent: `payrail-typescript/${SDK_VERSION}`,
    });
    this.configuration = new Configuration({ basePath: this.baseUrl, fetchApi: transport, middleware: [typedErrorsThrough] });

    this.account = this.api(AccountApi);
    this.apiKeys = this.api(ApiKeysApi);
    this.balance = this.api(BalanceApi);
    this.charges = this.api(ChargesApi);
    this.checkoutSessions = this.api(CheckoutSessionsApi);
    this.customers = this.api(CustomersApi);
    this.disputes = this.api(DisputesApi);
    this.events = this.api(EventsApi);
    this.gatewayAccounts = this.api(GatewayAccountsApi);
    this.gateways = this.api(GatewaysApi);
    this.ledgerAccounts = this.api(LedgerAccountsApi);
    this.mpesa = this.api(MpesaApiApi);
    this.oauthClients = this.api(OAuthClientsApi);
    this.paymentIntents = this.api(PaymentIntentsApi);
    this.paymentMethods = this.api(PaymentMethodsApi);
    this.refunds = this.api(RefundsApi);
    this.reporting = this.api(ReportingApi);
    this.requestLogs = this.api(RequestLogsApi);
    this.routingRules = this.api(RoutingRulesApi);
    this.signingKeys = this.api(SigningKeysApi);
    this.transfers = this.api(TransfersApi);
    this.users = this.api(UsersApi);
    this.webhookEndpoints = this.api(WebhookEndpointsApi);
  }

  /** The merchant's events as they are recorded (`/v1/events/stream`); needs the `ws` package. */
  streamEvents(options: EventStreamOptions = {}): AsyncGenerator<EventResource, void, undefined> {
    return streamEvents(this.baseUrl, this.authenticator, options);
  }

  /** Any other generated API class (the document surfaces, hosted pages…) over the same transport. */
  api<T extends BaseAPI>(apiClass: ApiClass<T>): T {
    return new apiClass(this.configuration);
  }
}

function chooseAuthenticator(options: PayrailOptions, tokenUrl: string, fetchImpl: typeof fetch): Authenticator {
  const { apiKey, oauth, signingKey } = options;
  const given = [apiKey, oauth, signingKey].filter((credential) => credential !== undefined).length;
  if (given !== 1) throw new Error('Give exactly one of apiKey, oauth or signingKey');
  if (apiKey !== undefined) return new ApiKeyAuthenticator(apiKey);
  if (oauth !== undefined) return new OAuthAuthenticator(oauth, tokenUrl, fetchImpl);
  if (signingKey !== undefined) return new SignedRequestAuthenticator(signingKey);
  throw new Error('Give exactly one of apiKey, oauth or signingKey');
}
