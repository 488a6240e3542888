package dev.payrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OAuth2 client credentials: fetches an access token from {@code POST /oauth/token} and reuses it until
 * {@code refreshMargin} before it expires; a 401 on a request drops it so that the retry fetches a new one.
 * Thread-safe.
 */
public final class OAuthClientCredentials implements Authenticator {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI tokenUri;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final Duration refreshMargin;
  private final InstantSource clock;
  private final HttpClient http;
  private final Duration timeout;
  private String token;
  private Instant expiresAt;
  private int tokensFetched;

  public OAuthClientCredentials(String baseUrl, String clientId, String clientSecret) {
    this(baseUrl, clientId, clientSecret, null, Duration.ofSeconds(60), InstantSource.system());
  }

  /**
   * @param scope space-separated scopes, or null for the client's own
   * @param refreshMargin how long before its expiry a token is replaced
   * @param clock what "now" is (tests move it forward)
   */
  public OAuthClientCredentials(String baseUrl, String clientId, String clientSecret, String scope,
      Duration refreshMargin, InstantSource clock) {
    this.tokenUri = URI.create(stripTrailingSlash(baseUrl) + "/oauth/token");
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.refreshMargin = refreshMargin;
    this.clock = clock;
    this.timeout = Duration.ofSeconds(30);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The current token, fetched when there is none or it is within the refresh margin of its expiry. */
  public synchronized String accessToken() throws PayrailException {
    if (token == null || !clock.instant().isBefore(expiresAt.minus(refreshMargin))) {
      fetch();
    }
    return token;
  }

  /** How many tokens this instance has fetched. */
  public synchronized int tokensFetched() {
    return tokensFetched;
  }

  @Override
  public Map<String, String> headers(OutgoingRequest request) throws PayrailException {
    return Map.of("Authorization", "Bearer " + accessToken());
  }

  @Override
  public synchronized void invalidate() {
    token = null;
  }

  @Override
  public boolean refreshable() {
    return true;
  }

  private void fetch() throws PayrailException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientId);
    form.put("client_secret", clientSecret);
    if (scope != null && !scope.isEmpty()) {
      form.put("scope", scope);
    }
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    Instant issuedAt = clock.instant();
    HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException failure) {
      throw PayrailException.networkError(failure);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw PayrailException.networkError(interrupted);
    }
    JsonNode payload = null;
    try {
      payload = MAPPER.readTree(response.body());
    } catch (IOException notJson) {
      payload = null;
    }
    JsonNode accessToken = payload == null ? null : payload.get("access_token");
    if (response.statusCode() != 200 || accessToken == null || !accessToken.isTextual()) {
      // RFC 6749's {"error", "error_description"}, not Payrail's envelope: typed by status, text kept as the message.
      String error = payload == null ? null : payload.path("error").asText(null);
      String description = payload == null ? null : payload.path("error_description").asText(null);
      String envelope = "{\"error\":{\"type\":\"invalid_request_error\",\"code\":" + jsonString(error)
          + ",\"message\":" + jsonString("token request refused: " + (description == null ? error : description)) + "}}";
      throw PayrailException.fromResponse(response.statusCode(), response.headers(), envelope);
    }
    JsonNode expiresIn = payload.get("expires_in");
    long lifetime = expiresIn != null && expiresIn.isNumber() ? expiresIn.asLong() : 0;
    token = accessToken.asText();
    expiresAt = issuedAt.plusSeconds(lifetime);
    tokensFetched++;
  }

  private static String jsonString(String value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  @Override
  public String toString() {
    return "OAuthClientCredentials[" + clientId + "]";
  }
}
