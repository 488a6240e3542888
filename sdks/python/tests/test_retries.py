"""Retries against a local server that fails on purpose (the platform cannot be made to answer 503 on demand),
and against the platform's own rate limit."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Iterator, List, Optional, Tuple

import pytest

from payrail import ApiServerError, Payrail, RateLimitError, RetryPolicy
from payrail_api.models import CreateApiKeyDto, CreatePaymentIntentDto

from .conftest import Sandbox

INTENT = b'{"id":"pi_1","object":"payment_intent","amount":500,"amount_capturable":0,"amount_received":0,"currency":"usd","status":"requires_payment_method","client_secret":"pi_1_secret_x","capture_method":"automatic","confirmation_method":"automatic","created":1,"livemode":false,"metadata":{},"description":null,"payment_method":null,"payment_method_types":["card"],"latest_charge":null,"last_payment_error":null,"next_action":null,"canceled_at":null,"cancellation_reason":null,"customer":null,"receipt_email":null,"statement_descriptor":null,"reconciliation":null}'


class FlakyServer:
    """Answers each request with the next (status, headers) of its script, then 200 with a PaymentIntent."""

    def __init__(self, script: List[Tuple[int, Dict[str, str]]]) -> None:
        self.script = list(script)
        self.idempotency_keys: List[Optional[str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                server.idempotency_keys.append(self.headers.get("Idempotency-Key"))
                status, headers = server.script.pop(0) if server.script else (200, {})
                body = INTENT if status == 200 else b'{"error":{"type":"api_error","code":"unavailable","message":"try later"}}'
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", "Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture()
def flaky() -> Iterator[FlakyServer]:
    server = FlakyServer([(503, {}), (429, {"Retry-After": "0"}), (502, {})])
    yield server
    server.httpd.shutdown()


def test_a_post_is_retried_on_5xx_and_429_under_one_idempotency_key(flaky: FlakyServer) -> None:
    waits: List[Tuple[int, Optional[int], float]] = []
    policy = RetryPolicy(max_retries=3, initial_delay=0.01, max_delay=0.05)
    with Payrail(flaky.url, api_key="sk_test_x", retry_policy=policy, on_retry=lambda n, s, d: waits.append((n, s, d))) as client:
        intent = client.payment_intents.post_payment_intents(CreatePaymentIntentDto(amount=500, currency="usd"))
    assert intent.id == "pi_1"
    assert [status for _, status, _ in waits] == [503, 429, 502]
    assert waits[1][2] == 0  # Retry-After: 0 is honoured rather than the backoff
    assert len(flaky.idempotency_keys) == 4
    assert flaky.idempotency_keys[0] and len(set(flaky.idempotency_keys)) == 1


def test_retries_stop_at_the_policy_limit_with_a_typed_error(flaky: FlakyServer) -> None:
    with Payrail(flaky.url, api_key="sk_test_x", retry_policy=RetryPolicy(max_retries=0)) as client:
        with pytest.raises(ApiServerError) as raised:
            client.payment_intents.post_payment_intents(CreatePaymentIntentDto(amount=500, currency="usd"))
    assert raised.value.status == 503
    assert raised.value.code == "unavailable"


def test_backoff_grows_exponentially_within_its_jitter() -> None:
    policy = RetryPolicy(initial_delay=1, max_delay=8, random_fraction=lambda: 1.0)
    assert [policy.delay(n, None) for n in range(5)] == [1, 2, 4, 8, 8]
    low = RetryPolicy(initial_delay=1, max_delay=8, random_fraction=lambda: 0.0)
    assert [low.delay(n, None) for n in range(4)] == [0.5, 1, 2, 4]
    assert policy.delay(0, 3.0) == 3.0


def test_a_network_error_is_retried_then_typed() -> None:
    waits: List[Optional[int]] = []
    # Nothing listens on port 9 of loopback: every attempt is refused.
    policy = RetryPolicy(max_retries=2, initial_delay=0.01, max_delay=0.01)
    with Payrail("http://127.0.0.1:9", api_key="sk_test_x", retry_policy=policy, on_retry=lambda n, s, d: waits.append(s)) as client:
        with pytest.raises(ApiServerError) as raised:
            client.balance.get_balance()
    assert waits == [None, None]
    assert raised.value.status == 0


def test_the_platforms_429_is_typed_then_retried_after_retry_after(client: Payrail, sandbox: Sandbox) -> None:
    # A fresh key is a fresh bucket: the other tests' requests neither spend nor suffer from it.
    key = client.api_keys.post_api_keys(CreateApiKeyDto(type="secret", livemode=False, name="sdk-python rate limit"))
    assert key.secret
    with Payrail(sandbox.url, api_key=key.secret, retry_policy=RetryPolicy(max_retries=0)) as impatient:
        refusal: Optional[RateLimitError] = None
        for _ in range(2000):
            try:
                impatient.balance.get_balance()
            except RateLimitError as error:
                refusal = error
                break
    assert refusal is not None, "the status_read limit was never reached (is PAYRAIL_RATE_LIMITS set?)"
    assert refusal.status == 429
    assert refusal.code == "rate_limited"
    assert refusal.retry_after is not None and refusal.retry_after > 0

    waits: List[Tuple[Optional[int], float]] = []
    with Payrail(sandbox.url, api_key=key.secret, retry_policy=RetryPolicy(max_retries=3), on_retry=lambda n, s, d: waits.append((s, d))) as patient:
        # The bucket refills while the patient client connects, so it spends until it is refused again; every call
        # must still succeed, the refused one after waiting out Retry-After.
        for _ in range(2000):
            assert patient.balance.get_balance() is not None
            if waits:
                break
    assert waits and waits[0][0] == 429
    assert waits[0][1] == refusal.retry_after or waits[0][1] > 0
