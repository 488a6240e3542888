package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payrail.api.models.CreatePaymentIntentDto;
import dev.payrail.api.models.PaymentIntentResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  private final Payrail client = Sandbox.client();

  private PaymentIntentResource pay(long amount) throws Exception {
    return client.paymentIntents.postPaymentIntents(new CreatePaymentIntentDto().amount(amount)
        .currency("usd").paymentMethod("pm_card_visa").confirm(true));
  }

  /** The next event of the stream about this PaymentIntent (the suite's other tests record events too). */
  private static JsonNode eventFor(EventStream stream, String intentId) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode event = stream.next(Duration.ofSeconds(1));
      if (event != null && intentId.equals(event.path("data").path("object").path("id").asText())) {
        return event;
      }
    }
    return null;
  }

  @Test
  void deliversLiveEventsOfTheWantedTypesThenResumesAfterTheLastOne() throws Exception {
    String firstId;
    PaymentIntentResource second;
    try (EventStream stream = client.streamEvents(List.of("payment_intent.succeeded"), null)) {
      PaymentIntentResource first = pay(4100);
      JsonNode event = eventFor(stream, first.getId());
      assertNotNull(event, "no payment_intent.succeeded for " + first.getId() + " within 20 s");
      assertEquals("payment_intent.succeeded", event.path("type").asText());
      firstId = stream.lastEventId();
      assertEquals(event.path("id").asText(), firstId);
    }
    second = pay(4200);
    // Recorded while no stream was open: a stream resuming after the first event replays it.
    try (EventStream resumed = client.streamEvents(List.of("payment_intent.succeeded"), firstId)) {
      JsonNode replayed = eventFor(resumed, second.getId());
      assertNotNull(replayed, "the event recorded while disconnected was not replayed");
      assertEquals("payment_intent.succeeded", replayed.path("type").asText());
    }
  }

  @Test
  void aRefusedUpgradeIsATypedError() {
    Payrail wrong = Payrail.builder(Sandbox.get().url()).apiKey("sk_test_not_a_key").build();
    AuthenticationException error = assertThrows(AuthenticationException.class, () -> wrong.streamEvents(List.of(), null));
    assertEquals(401, error.status());
  }
}
