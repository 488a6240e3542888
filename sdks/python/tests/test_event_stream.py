"""`Payrail.stream_events` and `AsyncPayrail.stream_events` against the running platform's `/v1/events/stream`."""
import asyncio
import socket
import threading
import time
from typing import Any, Dict, List, Set

import pytest

from payrail import EventStream, Payrail, PermissionDeniedError
from payrail.aio import AsyncPayrail
from payrail_api.models import CreateCustomerDto, CreatePaymentIntentDto, EventResource, PaymentIntentResource

from .conftest import Sandbox

# Long enough for a payment's events to be recorded and relayed; a stream still open then is closed by the watchdog.
DEADLINE_SECONDS = 30.0


def _mark(client: Payrail) -> str:
    """The id of the newest stored event once a customer created now has its event: the tests' starting point."""
    customer = client.customers.post_customers(CreateCustomerDto(email="stream-mark@example.com"))
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        newest = client.events.get_events(limit=10).data
        if any(event.data.object.get("id") == customer.id for event in newest):
            return newest[0].id
        time.sleep(0.2)
    raise AssertionError(f"customer.created for {customer.id} was never listed")


def _pay(client: Payrail, amount: int) -> PaymentIntentResource:
    intent = client.payment_intents.post_payment_intents(CreatePaymentIntentDto(amount=amount, currency="usd", payment_method="pm_card_visa", confirm=True))
    assert intent.status == "succeeded"
    return intent


def _concerns(event: EventResource, intent_id: str) -> bool:
    subject: Dict[str, Any] = event.data.object
    return subject.get("id") == intent_id or subject.get("payment_intent") == intent_id


def _listed_after(client: Payrail, mark: str) -> List[EventResource]:
    """The events stored after `mark`, oldest first, as GET /v1/events lists them."""
    page = client.events.get_events(ending_before=mark, limit=100)
    assert not page.has_more, "more than a page of events since the mark"
    return list(reversed(page.data))


class Watchdog:
    """Closes the stream if the test's events have not all arrived in time, so that a failure is an assertion."""

    def __init__(self, stream: EventStream) -> None:
        self._timer = threading.Timer(DEADLINE_SECONDS, stream.close)
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()


def _read_until(stream: EventStream, done: Any) -> List[EventResource]:
    received: List[EventResource] = []
    watchdog = Watchdog(stream)
    try:
        for event in stream:
            received.append(event)
            if done(received):
                break
    finally:
        watchdog.cancel()
    return received


def _succeeded(intent_ids: Set[str]) -> Any:
    def done(received: List[EventResource]) -> bool:
        finished = {event.data.object.get("id") for event in received if event.type == "payment_intent.succeeded"}
        return intent_ids <= finished

    return done


def test_a_payment_made_through_the_sdk_arrives_on_the_stream_in_order(client: Payrail) -> None:
    mark = _mark(client)
    with client.stream_events(starting_after=mark) as stream:
        intent = _pay(client, 1500)
        received = _read_until(stream, _succeeded({intent.id}))

    assert all(isinstance(event, EventResource) for event in received)
    ids = [event.id for event in received]
    assert ids == [event.id for event in _listed_after(client, mark)][: len(ids)]
    of_the_payment = [event.type for event in received if _concerns(event, intent.id)]
    assert of_the_payment[0] == "payment_intent.created"
    assert of_the_payment[-1] == "payment_intent.succeeded"
    assert "charge.succeeded" in of_the_payment
    assert stream.last_event_id == ids[-1]


def test_a_type_filter_holds_with_an_oauth_token(sandbox: Sandbox, client: Payrail) -> None:
    mark = _mark(client)
    with Payrail(sandbox.url, oauth=(sandbox.client_id, sandbox.client_secret), oauth_scope="payments:read payments:write") as oauth_client:
        with oauth_client.stream_events(types=["charge.*"], starting_after=mark) as stream:
            intent = _pay(client, 1600)
            received = _read_until(stream, lambda got: any(e.type == "charge.succeeded" and _concerns(e, intent.id) for e in got))

    assert received, "no charge event arrived"
    assert {event.type.split(".")[0] for event in received} == {"charge"}
    charge_events = [event.id for event in _listed_after(client, mark) if event.type.startswith("charge.")]
    assert [event.id for event in received] == charge_events[: len(received)]


def test_a_signed_upgrade_replays_from_starting_after(sandbox: Sandbox, client: Payrail) -> None:
    _mark(client)
    newest, before = client.events.get_events(limit=2).data
    with Payrail(sandbox.url, signing=(sandbox.signing_key, sandbox.signing_secret)) as signed_client:
        with signed_client.stream_events(starting_after=before.id) as stream:
            first = next(stream)
    assert first.id == newest.id and first.type == newest.type


def test_a_token_without_payments_read_is_refused(sandbox: Sandbox) -> None:
    with Payrail(sandbox.url, oauth=(sandbox.client_id, sandbox.client_secret), oauth_scope="accounts:read") as oauth_client:
        with oauth_client.stream_events() as stream:
            with pytest.raises(PermissionDeniedError) as refused:
                next(stream)
    assert refused.value.status == 403


def test_after_the_connection_is_cut_it_resumes_and_yields_every_event_once(client: Payrail) -> None:
    mark = _mark(client)
    with client.stream_events(starting_after=mark) as stream:
        first = _pay(client, 1700)
        received = _read_until(stream, _succeeded({first.id}))
        connection = stream._connection
        assert connection is not None
        connection.socket.shutdown(socket.SHUT_RDWR)
        # Made while the stream is down: these come from the replay after the reconnection.
        second = _pay(client, 1800)
        received += _read_until(stream, lambda got: _succeeded({second.id})(received + got))

    assert stream.reconnects >= 1
    ids = [event.id for event in received]
    assert len(ids) == len(set(ids)), "an event was yielded twice"
    assert ids == [event.id for event in _listed_after(client, mark)][: len(ids)]
    assert any(_concerns(event, second.id) and event.type == "payment_intent.created" for event in received)


def test_the_async_stream_yields_a_payment_and_stops_when_closed(sandbox: Sandbox, client: Payrail) -> None:
    mark = _mark(client)

    async def scenario() -> List[str]:
        async with AsyncPayrail(sandbox.url, api_key=sandbox.secret_key) as async_client:
            stream = async_client.stream_events(types=["payment_intent.*"], starting_after=mark)
            intent = await async_client.payment_intents.post_payment_intents(
                CreatePaymentIntentDto(amount=1900, currency="usd", payment_method="pm_card_visa", confirm=True)
            )
            types: List[str] = []
            async for event in stream:
                if _concerns(event, intent.id):
                    types.append(event.type)
                if types[-1:] == ["payment_intent.succeeded"]:
                    break

            # A reader waiting for the next event is released by aclose(), without an error.
            waiting = asyncio.ensure_future(stream.__anext__())
            await asyncio.sleep(0.2)
            await stream.aclose()
            with pytest.raises(StopAsyncIteration):
                await asyncio.wait_for(waiting, 5)
            return types

    types = asyncio.run(asyncio.wait_for(scenario(), DEADLINE_SECONDS))
    assert types[0] == "payment_intent.created" and types[-1] == "payment_intent.succeeded"
    assert all(kind.startswith("payment_intent.") for kind in types)
