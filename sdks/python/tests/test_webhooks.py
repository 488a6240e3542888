"""Real deliveries from the platform to a receiver in the test, one endpoint per signature scheme."""
import json
import queue
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Iterator, List, Tuple

import pytest

from payrail import Payrail, WebhookVerificationError, construct_event
from payrail_api.models import CreatePaymentIntentDto, CreateWebhookEndpointDto

SCHEMES = ["payrail", "stripe", "standard-webhooks", "sha256-hex"]

Delivery = Tuple[str, Dict[str, str], bytes]


@pytest.fixture()
def receiver() -> Iterator[Tuple[str, "queue.Queue[Delivery]"]]:
    received: "queue.Queue[Delivery]" = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            received.put((self.path.strip("/"), dict(self.headers.items()), body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()


def test_verifies_real_deliveries_under_every_scheme(client: Payrail, receiver: Tuple[str, "queue.Queue[Delivery]"]) -> None:
    base, received = receiver
    secrets: Dict[str, str] = {}
    endpoint_ids: List[str] = []
    try:
        for scheme in SCHEMES:
            endpoint = client.webhook_endpoints.post_webhook_endpoints(
                CreateWebhookEndpointDto(url=f"{base}/{scheme}", enabled_events=["payment_intent.succeeded"], signature_scheme=scheme)
            )
            assert endpoint.secret
            secrets[scheme] = endpoint.secret
            endpoint_ids.append(endpoint.id)

        intent = client.payment_intents.post_payment_intents(
            CreatePaymentIntentDto(amount=3100, currency="usd", payment_method="pm_card_visa", confirm=True)
        )

        deliveries: Dict[str, Tuple[Dict[str, str], bytes]] = {}
        deadline = time.monotonic() + 30
        while len(deliveries) < len(SCHEMES) and time.monotonic() < deadline:
            try:
                scheme, headers, body = received.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if json.loads(body)["data"]["object"]["id"] == intent.id:
                deliveries[scheme] = (headers, body)
        assert sorted(deliveries) == sorted(SCHEMES)

        for scheme, (headers, body) in deliveries.items():
            event = construct_event(body, headers, secrets[scheme], scheme=scheme)
            assert event["type"] == "payment_intent.succeeded"
            assert event["data"]["object"]["id"] == intent.id
            tampered = body.replace(b"3100", b"9100")
            with pytest.raises(WebhookVerificationError):
                construct_event(tampered, headers, secrets[scheme], scheme=scheme)
            with pytest.raises(WebhookVerificationError):
                construct_event(body, headers, secrets["payrail" if scheme != "payrail" else "stripe"], scheme=scheme)
    finally:
        for endpoint_id in endpoint_ids:
            client.webhook_endpoints.delete_webhook_endpoints_id(endpoint_id)


def test_refuses_a_delivery_older_than_the_tolerance() -> None:
    import hashlib
    import hmac

    body = b'{"id":"evt_1","type":"payment_intent.succeeded"}'
    stamp = 1_700_000_000
    signature = hmac.new(b"whsec_test", f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    headers = {"Payments-Signature": f"t={stamp},v1={signature}"}
    assert construct_event(body, headers, "whsec_test", now=stamp + 10)["id"] == "evt_1"
    with pytest.raises(WebhookVerificationError):
        construct_event(body, headers, "whsec_test", now=stamp + 301)
