import time
import uuid
from typing import Optional

import pytest
from pydantic import ValidationError

from payrail import InvalidRequestError, Payrail, auto_paging_iter, json_body
from payrail_api.models import CreateCustomerDto, CreatePaymentIntentDto, CreateRefundDto, CustomerResource, RequestLogResource


def test_creates_and_confirms_a_payment_then_refunds_it(client: Payrail) -> None:
    intent = client.payment_intents.post_payment_intents(
        CreatePaymentIntentDto(amount=2500, currency="usd", payment_method="pm_card_visa", confirm=True)
    )
    assert intent.id.startswith("pi_")
    assert intent.status == "succeeded"
    assert intent.amount_received == 2500

    refund = client.refunds.post_refunds(CreateRefundDto(payment_intent=intent.id, amount=1000))
    assert refund.id.startswith("re_")
    assert refund.amount == 1000
    assert refund.status == "succeeded"
    assert client.refunds.get_refunds_id(refund.id).payment_intent == intent.id


def test_an_amount_with_a_fraction_is_refused_before_it_is_sent() -> None:
    # Amounts are integers in the currency's minor unit (mypy already refuses a float literal here): 7.5 cents is no
    # amount, and a whole float is not silently accepted either.
    with pytest.raises(ValidationError):
        CreatePaymentIntentDto.model_validate({"amount": 7.5, "currency": "usd"})
    with pytest.raises(ValidationError):
        CreateRefundDto.model_validate({"payment_intent": "pi_123", "amount": 10.0})
    assert CreateRefundDto.model_validate({"payment_intent": "pi_123", "amount": 10}).amount == 10


def test_an_explicit_idempotency_key_replays_the_first_answer(client: Payrail) -> None:
    key = f"sdk-python-{uuid.uuid4()}"
    params = CreatePaymentIntentDto(amount=700, currency="usd")
    first = client.payment_intents.post_payment_intents_with_http_info(params, _headers={"Idempotency-Key": key})
    second = client.payment_intents.post_payment_intents_with_http_info(params, _headers={"Idempotency-Key": key})
    assert second.data.id == first.data.id
    assert second.headers is not None and second.headers.get("Idempotent-Replayed") == "true"


def _request_log(client: Payrail, request_id: str) -> RequestLogResource:
    """The platform writes request logs in batches about every second."""
    deadline = time.monotonic() + 10
    while True:
        try:
            return client.request_logs.get_request_logs_id(request_id)
        except InvalidRequestError as error:
            if error.status != 404 or time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_every_post_gets_its_own_idempotency_key(client: Payrail) -> None:
    params = CreatePaymentIntentDto(amount=700, currency="usd")
    first = client.payment_intents.post_payment_intents_with_http_info(params)
    second = client.payment_intents.post_payment_intents_with_http_info(params)
    assert first.data.id != second.data.id

    keys = []
    for answer in (first, second):
        request_id: Optional[str] = answer.headers.get("Request-Id") if answer.headers else None
        assert request_id
        keys.append(_request_log(client, request_id).idempotency_key)
    assert all(isinstance(key, str) and len(key) == 36 for key in keys)
    assert keys[0] != keys[1]


def test_request_logs_are_typed_and_their_json_stays_readable(client: Payrail) -> None:
    page = client.request_logs.get_request_logs(limit=2)
    assert page.object == "list"
    assert 1 <= len(page.data) <= 2 and all(log.id.startswith("req_") for log in page.data)
    raw = json_body(client.request_logs.get_request_logs_with_http_info(limit=2))
    assert raw["object"] == "list" and len(raw["data"]) <= 2


def test_iterates_a_list_across_pages(client: Payrail) -> None:
    customer = client.customers.post_customers(CreateCustomerDto(email="pages@example.com"))
    created = {
        client.payment_intents.post_payment_intents(CreatePaymentIntentDto(amount=100 + n, currency="usd", customer=customer.id)).id
        for n in range(5)
    }
    first_page = client.payment_intents.get_payment_intents(customer=customer.id, limit=2)
    assert len(first_page.data) == 2 and first_page.has_more

    listed = [intent.id for intent in auto_paging_iter(client.payment_intents.get_payment_intents, customer=customer.id, limit=2)]
    assert len(listed) == 5
    assert set(listed) == created


def test_expand_and_created_ranges_are_sent_as_the_api_reads_them(client: Payrail) -> None:
    customer = client.customers.post_customers(CreateCustomerDto(email="expand@example.com"))
    intent = client.payment_intents.post_payment_intents(CreatePaymentIntentDto(amount=800, currency="usd", customer=customer.id))

    page = client.payment_intents.get_payment_intents(customer=customer.id, expand=["data.customer"], created={"gte": intent.created - 1})
    assert [item.id for item in page.data] == [intent.id]
    assert page.data[0].customer is not None
    expanded = page.data[0].customer.actual_instance
    assert isinstance(expanded, CustomerResource) and expanded.email == "expand@example.com"

    later = client.payment_intents.get_payment_intents(customer=customer.id, created={"gt": intent.created})
    assert later.data == []
