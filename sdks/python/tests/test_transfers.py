import pytest

from payrail import InvalidRequestError, Payrail
from payrail_api.models import CreateTransferDto


def test_a_real_time_transfer_completes(client: Payrail) -> None:
    transfer = client.transfers.post_transfers(
        CreateTransferDto(from_account="test_acc_001", to_account="test_acc_002", amount=1500, currency="USD", payment_type="RTP")
    )
    assert transfer.id.startswith("tr_")
    assert transfer.status == "COMPLETED"


def test_a_transfer_the_account_cannot_pay_is_a_typed_422(client: Payrail) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        client.transfers.post_transfers(
            CreateTransferDto(from_account="test_acc_empty", to_account="test_acc_001", amount=5000, currency="USD", payment_type="RTP")
        )
    error = raised.value
    assert error.status == 422
    assert error.code == "insufficient_funds"
    assert error.type == "invalid_request_error"
    assert error.request_id
    assert error.details is not None and error.details["account_id"] == "test_acc_empty"
    assert error.details["requested_amount"] == 5000
