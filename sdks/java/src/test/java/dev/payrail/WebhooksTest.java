package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.payrail.api.models.CreatePaymentIntentDto;
import dev.payrail.api.models.CreateWebhookEndpointDto;
import dev.payrail.api.models.PaymentIntentResource;
import dev.payrail.api.models.WebhookEndpointResource;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real deliveries from the platform to a receiver in the test, one endpoint per signature scheme. */
class WebhooksTest {
  private record Delivery(String scheme, Map<String, String> headers, byte[] body) {}

  @Test
  void verifiesRealDeliveriesUnderEveryScheme() throws Exception {
    LinkedBlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      received.add(new Delivery(exchange.getRequestURI().getPath().replace("/", ""), headers, body));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    Payrail client = Sandbox.client();
    Map<String, String> secrets = new HashMap<>();
    List<String> endpointIds = new ArrayList<>();
    try {
      for (String scheme : Webhooks.SCHEMES) {
        WebhookEndpointResource endpoint = client.webhookEndpoints.postWebhookEndpoints(new CreateWebhookEndpointDto()
            .url(base + "/" + scheme).enabledEvents(List.of("payment_intent.succeeded")).signatureScheme(scheme));
        assertNotNull(endpoint.getSecret());
        secrets.put(scheme, endpoint.getSecret());
        endpointIds.add(endpoint.getId());
      }
      PaymentIntentResource intent = client.paymentIntents.postPaymentIntents(new CreatePaymentIntentDto()
          .amount(3100L).currency("usd").paymentMethod("pm_card_visa").confirm(true));

      ObjectMapper mapper = new ObjectMapper();
      Map<String, Delivery> deliveries = new HashMap<>();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (deliveries.size() < Webhooks.SCHEMES.size() && System.nanoTime() < deadline) {
        Delivery delivery = received.poll(Math.max(100, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        if (delivery != null
            && intent.getId().equals(mapper.readTree(delivery.body()).path("data").path("object").path("id").asText())) {
          deliveries.put(delivery.scheme(), delivery);
        }
      }
      assertEquals(new TreeSet<>(Webhooks.SCHEMES), new TreeSet<>(deliveries.keySet()));

      for (Delivery delivery : deliveries.values()) {
        String scheme = delivery.scheme();
        JsonNode event = Webhooks.constructEvent(delivery.body(), delivery.headers(), secrets.get(scheme), scheme);
        assertEquals("payment_intent.succeeded", event.path("type").asText());
        assertEquals(intent.getId(), event.path("data").path("object").path("id").asText());
        byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8).replace("3100", "9100")
            .getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookVerificationException.class,
            () -> Webhooks.constructEvent(tampered, delivery.headers(), secrets.get(scheme), scheme), scheme);
        String otherSecret = secrets.get(scheme.equals("payrail") ? "stripe" : "payrail");
        assertThrows(WebhookVerificationException.class,
            () -> Webhooks.constructEvent(delivery.body(), delivery.headers(), otherSecret, scheme), scheme);
      }
    } finally {
      for (String id : endpointIds) {
        client.webhookEndpoints.deleteWebhookEndpointsId(id);
      }
      receiver.stop(0);
    }
  }

  @Test
  void refusesADeliveryOlderThanTheTolerance() throws Exception {
    byte[] body = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}".getBytes(StandardCharsets.UTF_8);
    long stamp = 1_700_000_000L;
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("whsec_test".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((stamp + ".").getBytes(StandardCharsets.UTF_8));
    String signature = HexFormat.of().formatHex(mac.doFinal(body));
    Map<String, String> headers = Map.of("Payments-Signature", "t=" + stamp + ",v1=" + signature);
    Duration tolerance = Webhooks.DEFAULT_TOLERANCE;
    assertEquals("evt_1", Webhooks.constructEvent(body, headers, "whsec_test", "payrail", tolerance,
        Instant.ofEpochSecond(stamp + 10)).path("id").asText());
    assertThrows(WebhookVerificationException.class, () -> Webhooks.constructEvent(body, headers, "whsec_test", "payrail",
        tolerance, Instant.ofEpochSecond(stamp + 301)));
  }
}
