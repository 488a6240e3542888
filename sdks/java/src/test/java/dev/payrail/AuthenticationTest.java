package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payrail.api.models.CreatePaymentIntentDto;
import dev.payrail.api.models.GetApiV1ClientDashboardCreatedParameter;
import dev.payrail.api.models.GetApiV1ClientDashboardCreatedParameterOneOf;
import dev.payrail.api.models.GetPaymentIntents200Response;
import dev.payrail.api.models.GetPaymentIntentsId200Response;
import dev.payrail.api.models.PaymentIntentResource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  private final Sandbox sandbox = Sandbox.get();

  /**
   * The operation answers an anyOf (the full PaymentIntent, or its client-side view for a publishable key); the
   * generated reader takes the first branch that parses, and the client-side view, a subset, always does.
   */
  private static String retrievedId(Payrail client, String id) throws Exception {
    GetPaymentIntentsId200Response retrieved = client.paymentIntents.getPaymentIntentsId(id, null, null);
    return retrieved.getActualInstance() instanceof PaymentIntentResource full ? full.getId()
        : retrieved.getClientSidePaymentIntent().getId();
  }

  @Test
  void oauthReusesItsTokenAndFetchesANewOneBeforeExpiry() throws Exception {
    Instant[] now = {Instant.now()};
    OAuthClientCredentials credentials = new OAuthClientCredentials(sandbox.url(), sandbox.clientId(),
        sandbox.clientSecret(), null, Duration.ofSeconds(60), () -> now[0]);
    Payrail client = Payrail.builder(sandbox.url()).authenticator(credentials).build();
    PaymentIntentResource first = client.paymentIntents.postPaymentIntents(
        new CreatePaymentIntentDto().amount(900L).currency("usd"));
    assertEquals(first.getId(), retrievedId(client, first.getId()));
    assertEquals(1, credentials.tokensFetched());
    String token = credentials.accessToken();

    // The platform's tokens live 15 minutes; 14m30s later the token is inside the refresh margin.
    now[0] = now[0].plus(Duration.ofSeconds(14 * 60 + 30));
    assertEquals(first.getId(), retrievedId(client, first.getId()));
    assertEquals(2, credentials.tokensFetched());
    assertNotEquals(token, credentials.accessToken());
  }

  @Test
  void oauthFetchesANewTokenWhenTheServerRefusesTheCachedOne() throws Exception {
    OAuthClientCredentials credentials = new OAuthClientCredentials(sandbox.url(), sandbox.clientId(), sandbox.clientSecret());
    Payrail client = Payrail.builder(sandbox.url()).authenticator(credentials).build();
    client.balance.getBalance();
    String revoked = credentials.accessToken();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String form = "token=" + URLEncoder.encode(revoked, StandardCharsets.UTF_8) + "&client_id="
        + URLEncoder.encode(sandbox.clientId(), StandardCharsets.UTF_8) + "&client_secret="
        + URLEncoder.encode(sandbox.clientSecret(), StandardCharsets.UTF_8);
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.url() + "/oauth/revoke"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    // The edge learns of revocations by polling (about 2 s): wait until it refuses the token.
    long deadline = System.nanoTime() + 10_000_000_000L;
    HttpRequest probe = HttpRequest.newBuilder(URI.create(sandbox.url() + "/v1/balance"))
        .header("Authorization", "Bearer " + revoked).GET().build();
    while (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() != 401) {
      assertTrue(System.nanoTime() < deadline, "the revoked token was still accepted after 10 s");
      Thread.sleep(200);
    }

    client.balance.getBalance();
    assertEquals(2, credentials.tokensFetched());
    assertNotEquals(revoked, credentials.accessToken());
  }

  @Test
  void aSignedRequestIsAccepted() throws Exception {
    Payrail client = Payrail.builder(sandbox.url()).signing(sandbox.signingKey(), sandbox.signingSecret()).build();
    PaymentIntentResource intent = client.paymentIntents.postPaymentIntents(new CreatePaymentIntentDto()
        .amount(1200L).currency("usd").paymentMethod("pm_card_visa").confirm(true));
    assertEquals("succeeded", intent.getStatus().getValue());
    // The query (brackets and all) is part of what is signed.
    GetPaymentIntents200Response page = client.paymentIntents.getPaymentIntents(
        new GetApiV1ClientDashboardCreatedParameter(new GetApiV1ClientDashboardCreatedParameterOneOf().gte(0L)), List.of("data.customer"), null,
        1, null, null);
    assertEquals(1, page.getData().size());
  }

  @Test
  void aRequestSignedWithTheWrongSecretIsATyped401() {
    Payrail client = Payrail.builder(sandbox.url()).signing(sandbox.signingKey(), "not-the-secret").build();
    AuthenticationException error = assertThrows(AuthenticationException.class, () -> client.balance.getBalance());
    assertEquals(401, error.status());
    assertEquals("signature_invalid", error.errorCode());
  }
}
