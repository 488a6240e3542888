"""The client: the generated operations, sent through one ApiClient that authenticates, keys POSTs for idempotency,
retries, and raises typed errors."""
from __future__ import annotations

import json
import time
import uuid
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple
from urllib.parse import urlencode, urlsplit

import urllib3

from payrail_api import api
from payrail_api.api_client import ApiClient
from payrail_api.api_response import ApiResponse
from payrail_api.configuration import Configuration
from payrail_api.rest import RESTResponse

from .auth import ApiKeyAuth, Authenticator, OAuthClientCredentials, OutgoingRequest, SignedRequestAuth
from .errors import ApiServerError, error_from_response, parse_retry_after
from .event_stream import EventStream, StreamOptions
from .query import encode_query
from .retries import RetryPolicy

# (retry number from 1, HTTP status or None for a network error, seconds it waits before retrying)
RetryListener = Callable[[int, Optional[int], float], None]

USER_AGENT = "payrail-python/1.0.0"


def _raw_body(body: Any, post_params: Optional[List[Tuple[str, Any]]]) -> bytes:
    """The bytes the generated REST layer will send, so that a signature covers exactly them."""
    if body is not None:
        if isinstance(body, (bytes, bytearray)):
            return bytes(body)
        if isinstance(body, str):
            return body.encode("utf-8")
        return json.dumps(body).encode("utf-8")
    if post_params:
        return urlencode(post_params).encode("utf-8")
    return b""


def _path_with_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class PayrailApiClient(ApiClient):
    def __init__(
        self,
        configuration: Configuration,
        authenticator: Optional[Authenticator],
        retry_policy: RetryPolicy,
        on_retry: Optional[RetryListener] = None,
        sleep: Callable[[float], None] = time.sleep,
        timeout: Optional[float] = None,
    ) -> None:
        super().__init__(configuration)
        self._timeout = timeout
        self.user_agent = USER_AGENT
        self._authenticator = authenticator
        self._retry_policy = retry_policy
        self._on_retry = on_retry
        self._sleep = sleep

    def call_api(self, method, url, header_params=None, body=None, post_params=None, _request_timeout=None) -> RESTResponse:  # type: ignore[no-untyped-def]
        headers: Dict[str, str] = dict(header_params or {})
        if _request_timeout is None:
            _request_timeout = self._timeout
        if method.upper() == "POST" and not any(name.lower() == "idempotency-key" for name in headers):
            # One key for the call, whatever its retries: a retried POST gets the first answer, never a second charge.
            headers["Idempotency-Key"] = str(uuid.uuid4())
        outgoing = OutgoingRequest(method.upper(), _path_with_query(url), _raw_body(body, post_params))
        send: Callable[..., RESTResponse] = self.rest_client.request
        attempt = 0
        refreshed_credentials = False
        while True:
            attempt_headers = dict(headers)
            if self._authenticator is not None:
                attempt_headers.update(self._authenticator.headers(outgoing))
            try:
                response = send(method, url, headers=attempt_headers, body=body, post_params=post_params, _request_timeout=_request_timeout)
            except urllib3.exceptions.HTTPError as network_error:
                if not self._retry_policy.should_retry(attempt, None):
                    raise ApiServerError(0, f"network error: {network_error}") from network_error
                self._wait(attempt, None, None)
                attempt += 1
                continue
            status = response.status
            if status == 401 and self._authenticator is not None and not refreshed_credentials and isinstance(self._authenticator, OAuthClientCredentials):
                # An access token can expire or be revoked between our clock and the server's: fetch one and retry once.
                response.response.drain_conn()  # back to the pool before the next attempt
                self._authenticator.invalidate()
                refreshed_credentials = True
                continue
            if self._retry_policy.should_retry(attempt, status):
                response.response.drain_conn()  # back to the pool before the next attempt
                self._wait(attempt, status, parse_retry_after(response.headers.get("Retry-After")))
                attempt += 1
                continue
            return response

    def _wait(self, attempt: int, status: Optional[int], retry_after: Optional[float]) -> None:
        delay = self._retry_policy.delay(attempt, retry_after)
        if self._on_retry is not None:
            self._on_retry(attempt + 1, status, delay)
        self._sleep(delay)

    def parameters_to_url_query(self, params, collection_formats) -> str:  # type: ignore[no-untyped-def]
        return encode_query(params.items() if isinstance(params, dict) else params)

    def response_deserialize(self, response_data, response_types_map=None) -> ApiResponse[Any]:  # type: ignore[no-untyped-def]
        if not 200 <= response_data.status <= 299:
            raise error_from_response(response_data.status, response_data.headers, response_data.data or b"")
        return super().response_deserialize(response_data, response_types_map)


class Payrail:
    """One client per set of credentials. Give exactly one of `api_key`, `oauth` (client_id, client_secret) or
    `signing` (signing key id, signing secret)."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: Optional[str] = None,
        oauth: Optional[Tuple[str, str]] = None,
        oauth_scope: Optional[str] = None,
        signing: Optional[Tuple[str, str]] = None,
        authenticator: Optional[Authenticator] = None,
        retry_policy: Optional[RetryPolicy] = None,
        on_retry: Optional[RetryListener] = None,
        timeout: float = 30.0,
    ) -> None:
        given = [c for c in (api_key, oauth, signing, authenticator) if c is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of api_key, oauth, signing or authenticator")
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url must be an http:// or https:// URL, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        if api_key is not None:
            authenticator = ApiKeyAuth(api_key)
        elif oauth is not None:
            authenticator = OAuthClientCredentials(self.base_url, oauth[0], oauth[1], scope=oauth_scope)
        elif signing is not None:
            authenticator = SignedRequestAuth(signing[0], signing[1])
        self.authenticator = authenticator
        configuration = Configuration(host=self.base_url, retries=False)
        # `timeout` bounds each attempt (seconds); an operation's own `_request_timeout` wins.
        self.api_client = PayrailApiClient(configuration, authenticator, retry_policy or RetryPolicy(), on_retry, timeout=timeout)
        client = self.api_client
        self.account = api.AccountApi(client)
        self.api_keys = api.ApiKeysApi(client)
        self.balance = api.BalanceApi(client)
        self.charges = api.ChargesApi(client)
        self.checkout_sessions = api.CheckoutSessionsApi(client)
        self.customers = api.CustomersApi(client)
        self.disputes = api.DisputesApi(client)
        self.events = api.EventsApi(client)
        self.gateway_accounts = api.GatewayAccountsApi(client)
        self.gateways = api.GatewaysApi(client)
        self.ledger_accounts = api.LedgerAccountsApi(client)
        self.mpesa = api.MpesaApiApi(client)
        self.oauth_clients = api.OAuthClientsApi(client)
        self.payment_engine = api.PaymentEngineApi(client)
        self.payment_intents = api.PaymentIntentsApi(client)
        self.payment_methods = api.PaymentMethodsApi(client)
        self.refunds = api.RefundsApi(client)
        self.reporting = api.ReportingApi(client)
        self.request_logs = api.RequestLogsApi(client)
        self.routing_rules = api.RoutingRulesApi(client)
        self.signing_keys = api.SigningKeysApi(client)
        self.transfers = api.TransfersApi(client)
        self.users = api.UsersApi(client)
        self.webhook_endpoints = api.WebhookEndpointsApi(client)
        self.gateway_api_payments = api.GatewayApiPaymentsApi(client)
        self.gateway_api_refunds = api.GatewayApiRefundsApi(client)
        self.gateway_api_client = api.GatewayApiClientApi(client)

    def stream_events(
        self,
        types: Optional[Sequence[str]] = None,
        starting_after: Optional[str] = None,
        *,
        reconnect: bool = True,
        open_timeout: float = 10.0,
    ) -> EventStream:
        """`/v1/events/stream` as an iterator of EventResource, resuming after a dropped connection (see EventStream).
        Needs a secret key, a signing key, or an OAuth token with `payments:read`."""
        options = StreamOptions(tuple(types or ()), starting_after, reconnect, open_timeout)
        assert self.authenticator is not None  # __init__ requires one
        return EventStream(self.base_url, self.authenticator, options)

    def close(self) -> None:
        self.api_client.rest_client.pool_manager.clear()

    def __enter__(self) -> "Payrail":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
