package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payrail.api.ApiResponse;
import dev.payrail.api.models.CreateCustomerDto;
import dev.payrail.api.models.CreatePaymentIntentDto;
import dev.payrail.api.models.CreateRefundDto;
import dev.payrail.api.models.CustomerResource;
import dev.payrail.api.models.GetApiV1ClientDashboardCreatedParameter;
import dev.payrail.api.models.GetApiV1ClientDashboardCreatedParameterOneOf;
import dev.payrail.api.models.GetPaymentIntents200Response;
import dev.payrail.api.models.PaymentIntentResource;
import dev.payrail.api.models.RefundResource;
import dev.payrail.api.models.RequestLogResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentsTest {
  private final Payrail client = Sandbox.client();

  private static CreatePaymentIntentDto intent(long amount) {
    return new CreatePaymentIntentDto().amount(amount).currency("usd");
  }

  @Test
  void createsAndConfirmsAPaymentThenRefundsIt() throws Exception {
    PaymentIntentResource intent = client.paymentIntents.postPaymentIntents(
        intent(2500).paymentMethod("pm_card_visa").confirm(true));
    assertTrue(intent.getId().startsWith("pi_"), intent.getId());
    assertEquals("succeeded", intent.getStatus().getValue());
    assertEquals(2500, intent.getAmountReceived());

    RefundResource refund = client.refunds.postRefunds(
        new CreateRefundDto().paymentIntent(intent.getId()).amount(1000L));
    assertTrue(refund.getId().startsWith("re_"), refund.getId());
    assertEquals(1000, refund.getAmount());
    assertEquals("succeeded", refund.getStatus().getValue());
    assertEquals(intent.getId(), client.refunds.getRefundsId(refund.getId()).getPaymentIntent());
  }

  @Test
  void anExplicitIdempotencyKeyReplaysTheFirstAnswer() throws Exception {
    Map<String, String> headers = Map.of("Idempotency-Key", "sdk-java-" + UUID.randomUUID());
    ApiResponse<PaymentIntentResource> first = client.paymentIntents.postPaymentIntentsWithHttpInfo(intent(700), headers);
    ApiResponse<PaymentIntentResource> second = client.paymentIntents.postPaymentIntentsWithHttpInfo(intent(700), headers);
    assertEquals(first.getData().getId(), second.getData().getId());
    assertEquals(List.of("true"), second.getHeaders().get("idempotent-replayed"));
  }

  @Test
  void everyPostGetsItsOwnIdempotencyKey() throws Exception {
    ApiResponse<PaymentIntentResource> first = client.paymentIntents.postPaymentIntentsWithHttpInfo(intent(700));
    ApiResponse<PaymentIntentResource> second = client.paymentIntents.postPaymentIntentsWithHttpInfo(intent(700));
    assertNotEquals(first.getData().getId(), second.getData().getId());
    List<String> keys = new ArrayList<>();
    for (ApiResponse<PaymentIntentResource> answer : List.of(first, second)) {
      String requestId = answer.getHeaders().get("request-id").get(0);
      keys.add(requestLog(requestId).getIdempotencyKey());
    }
    for (String key : keys) {
      assertNotNull(key);
      assertEquals(36, key.length(), key);
    }
    assertNotEquals(keys.get(0), keys.get(1));
  }

  /** The platform writes request logs in batches about every second. */
  private RequestLogResource requestLog(String requestId) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        return client.requestLogs.getRequestLogsId(requestId);
      } catch (InvalidRequestException error) {
        if (error.status() != 404 || System.nanoTime() > deadline) {
          throw error;
        }
        Thread.sleep(300);
      }
    }
  }

  @Test
  void iteratesAListAcrossPages() throws Exception {
    String customer = client.customers.postCustomers(new CreateCustomerDto().email("pages@example.com")).getId();
    Set<String> created = new HashSet<>();
    for (int n = 0; n < 5; n++) {
      created.add(client.paymentIntents.postPaymentIntents(intent(100 + n).customer(customer)).getId());
    }
    GetPaymentIntents200Response firstPage =
        client.paymentIntents.getPaymentIntents(null, null, customer, 2, null, null);
    assertEquals(2, firstPage.getData().size());
    assertTrue(firstPage.getHasMore());

    List<String> listed = new ArrayList<>();
    for (PaymentIntentResource item : Pagination.autoPaging(
        after -> client.paymentIntents.getPaymentIntents(null, null, customer, 2, after, null),
        GetPaymentIntents200Response::getData, GetPaymentIntents200Response::getHasMore,
        PaymentIntentResource::getId)) {
      listed.add(item.getId());
    }
    assertEquals(5, listed.size());
    assertEquals(created, new HashSet<>(listed));
  }

  @Test
  void expandAndCreatedRangesAreSentAsTheApiReadsThem() throws Exception {
    String customer = client.customers.postCustomers(new CreateCustomerDto().email("expand@example.com")).getId();
    PaymentIntentResource intent = client.paymentIntents.postPaymentIntents(intent(800).customer(customer));

    GetPaymentIntents200Response page = client.paymentIntents.getPaymentIntents(
        new GetApiV1ClientDashboardCreatedParameter(new GetApiV1ClientDashboardCreatedParameterOneOf().gte(intent.getCreated() - 1)),
        List.of("data.customer"), customer, null, null, null);
    assertEquals(List.of(intent.getId()), page.getData().stream().map(PaymentIntentResource::getId).toList());
    Object expanded = page.getData().get(0).getCustomer().getActualInstance();
    assertTrue(expanded instanceof CustomerResource, String.valueOf(expanded));
    assertEquals("expand@example.com", ((CustomerResource) expanded).getEmail());

    GetPaymentIntents200Response later = client.paymentIntents.getPaymentIntents(
        new GetApiV1ClientDashboardCreatedParameter(new GetApiV1ClientDashboardCreatedParameterOneOf().gt(intent.getCreated())),
        null, customer, null, null, null);
    assertEquals(List.of(), later.getData());
  }
}
