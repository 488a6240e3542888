import uuid

from payrail import Payrail, auto_paging_iter
from payrail_api.models import CreateCustomerDto, CreatePaymentIntentDto, CreateRefundDto


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


def test_an_explicit_idempotency_key_replays_the_first_answer(client: Payrail) -> None:
    key = f"sdk-python-{uuid.uuid4()}"
    params = CreatePaymentIntentDto(amount=700, currency="usd")
    first = client.payment_intents.post_payment_intents_with_http_info(params, _headers={"Idempotency-Key": key})
    second = client.payment_intents.post_payment_intents_with_http_info(params, _headers={"Idempotency-Key": key})
    assert second.data.id == first.data.id
    assert second.headers is not None and second.headers.get("Idempotent-Replayed") == "true"


def test_every_post_gets_its_own_idempotency_key(client: Payrail) -> None:
    params = CreatePaymentIntentDto(amount=700, currency="usd")
    first = client.payment_intents.post_payment_intents(params)
    second = client.payment_intents.post_payment_intents(params)
    assert first.id != second.id


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
