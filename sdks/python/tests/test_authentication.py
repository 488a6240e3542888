import time
from urllib.parse import urlencode

import pytest
import urllib3

from payrail import AuthenticationError, OAuthClientCredentials, Payrail
from payrail_api.models import CreatePaymentIntentDto, PaymentIntentResource

from .conftest import Sandbox


class ManualClock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def _retrieved_id(client: Payrail, intent_id: str) -> str:
    retrieved = client.payment_intents.get_payment_intents_id(intent_id).actual_instance
    assert isinstance(retrieved, PaymentIntentResource)
    return retrieved.id


def test_oauth_reuses_its_token_and_fetches_a_new_one_before_expiry(sandbox: Sandbox) -> None:
    clock = ManualClock(time.time())
    credentials = OAuthClientCredentials(sandbox.url, sandbox.client_id, sandbox.client_secret, refresh_margin=60, clock=clock)
    with Payrail(sandbox.url, authenticator=credentials) as client:
        first = client.payment_intents.post_payment_intents(CreatePaymentIntentDto(amount=900, currency="usd"))
        assert _retrieved_id(client, first.id) == first.id
        assert credentials.tokens_fetched == 1
        token = credentials.access_token()

        # The platform's tokens live 15 minutes; 14m30s later the token is inside the refresh margin.
        clock.now += 14 * 60 + 30
        assert _retrieved_id(client, first.id) == first.id
        assert credentials.tokens_fetched == 2
        assert credentials.access_token() != token


def test_oauth_fetches_a_new_token_when_the_server_refuses_the_cached_one(sandbox: Sandbox) -> None:
    credentials = OAuthClientCredentials(sandbox.url, sandbox.client_id, sandbox.client_secret)
    http = urllib3.PoolManager()
    with Payrail(sandbox.url, authenticator=credentials) as client:
        client.balance.get_balance()
        revoked = credentials.access_token()
        answer = http.request(
            "POST",
            f"{sandbox.url}/oauth/revoke",
            body=urlencode({"token": revoked, "client_id": sandbox.client_id, "client_secret": sandbox.client_secret}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert answer.status == 200
        # The edge learns of revocations by polling (about 2 s): wait until it refuses the token.
        deadline = time.monotonic() + 10
        while http.request("GET", f"{sandbox.url}/v1/balance", headers={"Authorization": f"Bearer {revoked}"}).status != 401:
            assert time.monotonic() < deadline, "the revoked token was still accepted after 10 s"
            time.sleep(0.2)

        client.balance.get_balance()
        assert credentials.tokens_fetched == 2
        assert credentials.access_token() != revoked


def test_a_signed_request_is_accepted(sandbox: Sandbox) -> None:
    with Payrail(sandbox.url, signing=(sandbox.signing_key, sandbox.signing_secret)) as client:
        intent = client.payment_intents.post_payment_intents(
            CreatePaymentIntentDto(amount=1200, currency="usd", payment_method="pm_card_visa", confirm=True)
        )
        assert intent.status == "succeeded"
        # The query (brackets and all) is part of what is signed.
        page = client.payment_intents.get_payment_intents(limit=1, created={"gte": 0}, expand=["data.customer"])
        assert len(page.data) == 1


def test_a_request_signed_with_the_wrong_secret_is_a_typed_401(sandbox: Sandbox) -> None:
    with Payrail(sandbox.url, signing=(sandbox.signing_key, "not-the-secret")) as client:
        with pytest.raises(AuthenticationError) as raised:
            client.balance.get_balance()
    assert raised.value.status == 401
    assert raised.value.code == "signature_invalid"
