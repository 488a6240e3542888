"""Payrail's Python SDK. `payrail_api` is generated from openapi.json (models and operations); this package adds
what generation cannot: authentication, idempotency keys, retries, typed errors, pagination, webhook verification,
the event stream."""
from .aio import AsyncPayrail, async_auto_paging_iter
from .auth import ApiKeyAuth, OAuthClientCredentials, OAuthError, SignedRequestAuth, sign_request
from .client import Payrail, PayrailApiClient
from .errors import (
    ApiServerError,
    AuthenticationError,
    CardError,
    InvalidRequestError,
    PayrailError,
    PermissionDeniedError,
    RateLimitError,
)
from .event_stream import AsyncEventStream, EventStream
from .pagination import auto_paging_iter
from .responses import json_body
from .retries import RetryPolicy
from .webhooks import WebhookVerificationError, construct_event

__version__ = "1.0.0"

__all__ = [
    "ApiKeyAuth",
    "AsyncEventStream",
    "AsyncPayrail",
    "ApiServerError",
    "AuthenticationError",
    "CardError",
    "EventStream",
    "InvalidRequestError",
    "OAuthClientCredentials",
    "OAuthError",
    "Payrail",
    "PayrailApiClient",
    "PayrailError",
    "PermissionDeniedError",
    "RateLimitError",
    "RetryPolicy",
    "SignedRequestAuth",
    "WebhookVerificationError",
    "async_auto_paging_iter",
    "auto_paging_iter",
    "construct_event",
    "json_body",
    "sign_request",
]
