package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.payrail.api.models.ApiKeyResource;
import dev.payrail.api.models.CreateApiKeyDto;
import dev.payrail.api.models.CreatePaymentIntentDto;
import dev.payrail.api.models.PaymentIntentResource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries against a local server that fails on purpose (the platform cannot be made to answer 503 on demand), and
 * against the platform's own rate limit.
 */
class RetriesTest {
  private static final String INTENT = "{\"id\":\"pi_1\",\"object\":\"payment_intent\",\"amount\":500,\"amount_capturable\":0,"
      + "\"amount_received\":0,\"currency\":\"usd\",\"status\":\"requires_payment_method\",\"client_secret\":\"pi_1_secret_x\","
      + "\"capture_method\":\"automatic\",\"confirmation_method\":\"automatic\",\"created\":1,\"livemode\":false,\"metadata\":{},"
      + "\"payment_method_types\":[\"card\"]}";

  /** A status with its extra headers, one per request; then 200 with a PaymentIntent. */
  private record Step(int status, Map<String, String> headers) {}

  private HttpServer flaky;
  private final List<String> idempotencyKeys = Collections.synchronizedList(new ArrayList<>());

  private String startFlaky(List<Step> script) throws IOException {
    List<Step> remaining = Collections.synchronizedList(new ArrayList<>(script));
    flaky = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    flaky.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      Step step = remaining.isEmpty() ? new Step(200, Map.of()) : remaining.remove(0);
      byte[] body = (step.status() == 200 ? INTENT
          : "{\"error\":{\"type\":\"api_error\",\"code\":\"unavailable\",\"message\":\"try later\"}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      step.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(step.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    flaky.start();
    return "http://127.0.0.1:" + flaky.getAddress().getPort();
  }

  @AfterEach
  void stopFlaky() {
    if (flaky != null) {
      flaky.stop(0);
    }
  }

  private record Wait(int number, Integer status, Duration delay) {}

  private static CreatePaymentIntentDto intent() {
    return new CreatePaymentIntentDto().amount(500L).currency("usd");
  }

  @Test
  void aPostIsRetriedOn5xxAnd429UnderOneIdempotencyKey() throws Exception {
    String url = startFlaky(List.of(new Step(503, Map.of()), new Step(429, Map.of("Retry-After", "0")),
        new Step(502, Map.of())));
    List<Wait> waits = new ArrayList<>();
    RetryPolicy policy = RetryPolicy.defaults().withMaxRetries(3).withDelays(Duration.ofMillis(10), Duration.ofMillis(50));
    Payrail client = Payrail.builder(url).apiKey("sk_test_x").retryPolicy(policy)
        .onRetry((number, status, delay) -> waits.add(new Wait(number, status, delay))).build();
    PaymentIntentResource intent = client.paymentIntents.postPaymentIntents(intent());
    assertEquals("pi_1", intent.getId());
    assertEquals(List.of(503, 429, 502), waits.stream().map(Wait::status).toList());
    assertEquals(List.of(1, 2, 3), waits.stream().map(Wait::number).toList());
    assertEquals(Duration.ZERO, waits.get(1).delay(), "Retry-After: 0 is honoured rather than the backoff");
    assertEquals(4, idempotencyKeys.size());
    assertNotNull(idempotencyKeys.get(0));
    assertEquals(1, new HashSet<>(idempotencyKeys).size(), idempotencyKeys.toString());
  }

  @Test
  void retriesStopAtThePolicyLimitWithATypedError() throws Exception {
    String url = startFlaky(List.of(new Step(503, Map.of()), new Step(503, Map.of())));
    Payrail client = Payrail.builder(url).apiKey("sk_test_x").retryPolicy(RetryPolicy.none()).build();
    ApiServerException error = assertThrows(ApiServerException.class, () -> client.paymentIntents.postPaymentIntents(intent()));
    assertEquals(503, error.status());
    assertEquals("unavailable", error.errorCode());
    assertEquals(1, idempotencyKeys.size());
  }

  @Test
  void backoffGrowsExponentiallyWithinItsJitter() {
    RetryPolicy high = RetryPolicy.defaults().withDelays(Duration.ofSeconds(1), Duration.ofSeconds(8)).withRandomFraction(() -> 1.0);
    List<Duration> highs = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      highs.add(high.delay(n, null));
    }
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
        Duration.ofSeconds(8)), highs);
    RetryPolicy low = high.withRandomFraction(() -> 0.0);
    assertEquals(Duration.ofMillis(500), low.delay(0, null));
    assertEquals(Duration.ofSeconds(4), low.delay(3, null));
    assertEquals(Duration.ofSeconds(3), high.delay(0, Duration.ofSeconds(3)));
    assertEquals(Duration.ofSeconds(60), high.delay(0, Duration.ofSeconds(600)), "Retry-After is capped");
  }

  @Test
  void aNetworkErrorIsRetriedThenTyped() {
    List<Integer> statuses = new ArrayList<>();
    RetryPolicy policy = RetryPolicy.defaults().withMaxRetries(2).withDelays(Duration.ofMillis(10), Duration.ofMillis(10));
    // Nothing listens on port 9 of loopback: every attempt is refused.
    Payrail client = Payrail.builder("http://127.0.0.1:9").apiKey("sk_test_x").retryPolicy(policy)
        .onRetry((number, status, delay) -> statuses.add(status)).build();
    ApiServerException error = assertThrows(ApiServerException.class, () -> client.balance.getBalance());
    assertEquals(Arrays.asList(null, null), statuses);
    assertEquals(0, error.status());
  }

  @Test
  void thePlatforms429IsTypedThenRetriedAfterRetryAfter() throws Exception {
    Sandbox sandbox = Sandbox.get();
    // A fresh key is a fresh bucket: the other tests' requests neither spend nor suffer from it.
    ApiKeyResource key = Sandbox.client().apiKeys.postApiKeys(
        new CreateApiKeyDto().type(CreateApiKeyDto.TypeEnum.SECRET).livemode(false).name("sdk-java rate limit"));
    assertNotNull(key.getSecret());
    Payrail impatient = Payrail.builder(sandbox.url()).apiKey(key.getSecret()).retryPolicy(RetryPolicy.none()).build();
    RateLimitException refusal = null;
    for (int n = 0; n < 2000 && refusal == null; n++) {
      try {
        impatient.balance.getBalance();
      } catch (RateLimitException error) {
        refusal = error;
      }
    }
    assertNotNull(refusal, "the status_read limit was never reached (is PAYRAIL_RATE_LIMITS set?)");
    assertEquals(429, refusal.status());
    assertEquals("rate_limited", refusal.errorCode());
    assertNotNull(refusal.retryAfter());
    assertTrue(refusal.retryAfter().compareTo(Duration.ZERO) > 0, refusal.retryAfter().toString());

    List<Wait> waits = new ArrayList<>();
    Payrail patient = Payrail.builder(sandbox.url()).apiKey(key.getSecret())
        .retryPolicy(RetryPolicy.defaults().withMaxRetries(3))
        .onRetry((number, status, delay) -> waits.add(new Wait(number, status, delay))).build();
    // The bucket refills meanwhile, so the patient client spends until it is refused again; every call must still
    // succeed, the refused one after waiting out Retry-After.
    for (int n = 0; n < 2000 && waits.isEmpty(); n++) {
      assertNotNull(patient.balance.getBalance());
    }
    assertTrue(!waits.isEmpty(), "the patient client was never refused");
    assertEquals(429, waits.get(0).status());
    assertTrue(waits.get(0).delay().compareTo(Duration.ZERO) > 0, waits.toString());
  }
}
