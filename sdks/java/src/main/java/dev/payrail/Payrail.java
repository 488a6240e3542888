package dev.payrail;

import dev.payrail.api.ApiClient;
import dev.payrail.api.operations.AccountApi;
import dev.payrail.api.operations.ApiKeysApi;
import dev.payrail.api.operations.BalanceApi;
import dev.payrail.api.operations.ChargesApi;
import dev.payrail.api.operations.CheckoutSessionsApi;
import dev.payrail.api.operations.CustomersApi;
import dev.payrail.api.operations.DisputesApi;
import dev.payrail.api.operations.EventsApi;
import dev.payrail.api.operations.GatewayAccountsApi;
import dev.payrail.api.operations.GatewaysApi;
import dev.payrail.api.operations.LedgerAccountsApi;
import dev.payrail.api.operations.MpesaApiApi;
import dev.payrail.api.operations.OAuthClientsApi;
import dev.payrail.api.operations.PaymentEngineApi;
import dev.payrail.api.operations.PaymentIntentsApi;
import dev.payrail.api.operations.PaymentMethodsApi;
import dev.payrail.api.operations.RefundsApi;
import dev.payrail.api.operations.ReportingApi;
import dev.payrail.api.operations.RequestLogsApi;
import dev.payrail.api.operations.RoutingRulesApi;
import dev.payrail.api.operations.SigningKeysApi;
import dev.payrail.api.operations.TransfersApi;
import dev.payrail.api.operations.UsersApi;
import dev.payrail.api.operations.WebhookEndpointsApi;
import dev.payrail.api.operations.GatewayApiPaymentsApi;
import dev.payrail.api.operations.GatewayApiRefundsApi;
import dev.payrail.api.operations.GatewayApiClientApi;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * One client per set of credentials: the generated operations, sent through one {@link HttpClient} that
 * authenticates, keys POSTs for idempotency, retries, and throws typed {@link PayrailException}s.
 *
 * <pre>{@code
 * Payrail payrail = Payrail.builder("http://127.0.0.1:3000").apiKey("sk_test_...").build();
 * PaymentIntentResource intent = payrail.paymentIntents.postPaymentIntents(new CreatePaymentIntentDto()...);
 * }</pre>
 */
public final class Payrail {
  public static final String VERSION = "1.0.0";
  public static final String USER_AGENT = "payrail-java/" + VERSION;

  private final String baseUrl;
  private final Authenticator authenticator;
  private final ApiClient apiClient;

  public final AccountApi account;
  public final ApiKeysApi apiKeys;
  public final BalanceApi balance;
  public final ChargesApi charges;
  public final CheckoutSessionsApi checkoutSessions;
  public final CustomersApi customers;
  public final DisputesApi disputes;
  public final EventsApi events;
  public final GatewayAccountsApi gatewayAccounts;
  public final GatewaysApi gateways;
  public final LedgerAccountsApi ledgerAccounts;
  public final MpesaApiApi mpesa;
  public final OAuthClientsApi oauthClients;
  public final PaymentEngineApi paymentEngine;
  public final PaymentIntentsApi paymentIntents;
  public final PaymentMethodsApi paymentMethods;
  public final RefundsApi refunds;
  public final ReportingApi reporting;
  public final RequestLogsApi requestLogs;
  public final RoutingRulesApi routingRules;
  public final SigningKeysApi signingKeys;
  public final TransfersApi transfers;
  public final UsersApi users;
  public final WebhookEndpointsApi webhookEndpoints;
  public final GatewayApiPaymentsApi gatewayApiPayments;
  public final GatewayApiRefundsApi gatewayApiRefunds;
  public final GatewayApiClientApi gatewayApiClient;

  private Payrail(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.authenticator = builder.authenticator;
    // HTTP/1.1: java.net.http's default HTTP/2 offers an h2c upgrade on plain http://, which the platform's
    // WebSocket upgrade handling answers with a 404 instead of serving the request.
    HttpClient http = new PayrailHttpClient(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(builder.timeout).build(), builder.authenticator, builder.retryPolicy,
        builder.onRetry);
    this.apiClient = new PayrailApiClient(http, baseUrl);
    apiClient.setReadTimeout(builder.timeout);
    apiClient.setRequestInterceptor(request -> request.setHeader("User-Agent", USER_AGENT));
    this.account = new AccountApi(apiClient);
    this.apiKeys = new ApiKeysApi(apiClient);
    this.balance = new BalanceApi(apiClient);
    this.charges = new ChargesApi(apiClient);
    this.checkoutSessions = new CheckoutSessionsApi(apiClient);
    this.customers = new CustomersApi(apiClient);
    this.disputes = new DisputesApi(apiClient);
    this.events = new EventsApi(apiClient);
    this.gatewayAccounts = new GatewayAccountsApi(apiClient);
    this.gateways = new GatewaysApi(apiClient);
    this.ledgerAccounts = new LedgerAccountsApi(apiClient);
    this.mpesa = new MpesaApiApi(apiClient);
    this.oauthClients = new OAuthClientsApi(apiClient);
    this.paymentEngine = new PaymentEngineApi(apiClient);
    this.paymentIntents = new PaymentIntentsApi(apiClient);
    this.paymentMethods = new PaymentMethodsApi(apiClient);
    this.refunds = new RefundsApi(apiClient);
    this.reporting = new ReportingApi(apiClient);
    this.requestLogs = new RequestLogsApi(apiClient);
    this.routingRules = new RoutingRulesApi(apiClient);
    this.signingKeys = new SigningKeysApi(apiClient);
    this.transfers = new TransfersApi(apiClient);
    this.users = new UsersApi(apiClient);
    this.webhookEndpoints = new WebhookEndpointsApi(apiClient);
    this.gatewayApiPayments = new GatewayApiPaymentsApi(apiClient);
    this.gatewayApiRefunds = new GatewayApiRefundsApi(apiClient);
    this.gatewayApiClient = new GatewayApiClientApi(apiClient);
  }

  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  public String baseUrl() {
    return baseUrl;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  /** The generated client every operation shares, for operations not listed here (e.g. new PaymentIntentsApi(...)). */
  public ApiClient apiClient() {
    return apiClient;
  }

  /**
   * The live event stream ({@code /v1/events/stream}), authenticated like every request.
   *
   * @param types exact types, groups ({@code charge.*}) or {@code *}; every event when empty
   * @param startingAfter replay the events recorded after this event id first, then continue live (may be null)
   */
  public EventStream streamEvents(java.util.List<String> types, String startingAfter)
      throws PayrailException, InterruptedException {
    return EventStream.open(baseUrl, authenticator, types, startingAfter);
  }

  /** Give exactly one of {@link #apiKey}, {@link #oauth}, {@link #signing} or {@link #authenticator}. */
  public static final class Builder {
    private final String baseUrl;
    private Authenticator authenticator;
    private int credentialsGiven;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RetryListener onRetry;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder(String baseUrl) {
      if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
        throw new IllegalArgumentException("baseUrl must be an http:// or https:// URL, not " + baseUrl);
      }
      this.baseUrl = OAuthClientCredentials.stripTrailingSlash(baseUrl);
    }

    public Builder apiKey(String secretKey) {
      return authenticator(new ApiKeyAuth(secretKey));
    }

    public Builder oauth(String clientId, String clientSecret) {
      return authenticator(new OAuthClientCredentials(baseUrl, clientId, clientSecret));
    }

    public Builder signing(String signingKey, String signingSecret) {
      return authenticator(new SignedRequestAuth(signingKey, signingSecret));
    }

    public Builder authenticator(Authenticator given) {
      this.authenticator = given;
      credentialsGiven++;
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    public Builder onRetry(RetryListener listener) {
      this.onRetry = listener;
      return this;
    }

    /** Bounds connecting and each attempt of each request. */
    public Builder timeout(Duration perAttempt) {
      this.timeout = perAttempt;
      return this;
    }

    public Payrail build() {
      if (credentialsGiven != 1) {
        throw new IllegalStateException("give exactly one of apiKey, oauth, signing or authenticator");
      }
      return new Payrail(this);
    }
  }

  /** The generated ApiClient, handing every operation the one authenticating, retrying HttpClient. */
  private static final class PayrailApiClient extends ApiClient {
    private final HttpClient http;

    PayrailApiClient(HttpClient http, String baseUrl) {
      super(HttpClient.newBuilder(), createDefaultObjectMapper(), baseUrl);
      this.http = http;
    }

    @Override
    public HttpClient getHttpClient() {
      return http;
    }
  }
}
