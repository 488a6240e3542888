package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payrail.api.models.CreateTransferDto;
import dev.payrail.api.models.TransferResource;
import org.junit.jupiter.api.Test;

class TransfersTest {
  private final Payrail client = Sandbox.client();

  private static CreateTransferDto transfer(String from, String to, long amount) {
    return new CreateTransferDto().fromAccount(from).toAccount(to).amount(amount).currency("USD")
        .paymentType(CreateTransferDto.PaymentTypeEnum.RTP);
  }

  @Test
  void aRealTimeTransferCompletes() throws Exception {
    TransferResource transfer = client.transfers.postTransfers(transfer("test_acc_001", "test_acc_002", 1500));
    assertTrue(transfer.getId().startsWith("tr_"), transfer.getId());
    assertEquals("COMPLETED", transfer.getStatus().getValue());
  }

  @Test
  void aTransferTheAccountCannotPayIsATyped422() {
    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> client.transfers.postTransfers(transfer("test_acc_empty", "test_acc_001", 5000)));
    assertEquals(422, error.status());
    assertEquals(422, error.getCode());
    assertEquals("insufficient_funds", error.errorCode());
    assertEquals("invalid_request_error", error.type());
    assertNotNull(error.requestId());
    assertNotNull(error.details());
    assertEquals("test_acc_empty", error.details().get("account_id"));
    assertEquals(5000, ((Number) error.details().get("requested_amount")).intValue());
  }
}
