"""Typed errors built from Payrail's error envelope: `{"error": {"type", "code", "message", "param", ...}}`."""
from __future__ import annotations

import json
from typing import Any, Mapping, Optional

from payrail_api.exceptions import ApiException


class PayrailError(ApiException):
    """Any non-2xx answer. Subclasses of the generated ApiException, so code catching that still works."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: Optional[str] = None,
        code: Optional[str] = None,
        param: Optional[str] = None,
        decline_code: Optional[str] = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
        details: Optional[Mapping[str, Any]] = None,
        body: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__(status=status, reason=message, body=body)
        self.headers = headers
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.decline_code = decline_code
        self.request_id = request_id
        self.retry_after = retry_after
        self.details = details

    def __str__(self) -> str:
        parts = [f"{self.status} {self.type or 'error'}"]
        if self.code:
            parts.append(f"code={self.code}")
        if self.param:
            parts.append(f"param={self.param}")
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        return f"{' '.join(parts)}: {self.message}"


class InvalidRequestError(PayrailError):
    """400, 404, 409, 422: the request cannot succeed as sent (`invalid_request_error`, `idempotency_error`)."""


class CardError(PayrailError):
    """402: the card was declined; `decline_code` says why."""


class AuthenticationError(PayrailError):
    """401: missing, wrong, expired or revoked credentials, or a bad signature."""


class PermissionDeniedError(PayrailError):
    """403: the credentials may not do this (a publishable key, a missing OAuth scope)."""


class RateLimitError(PayrailError):
    """429: retried by the client unless its retries ran out; `retry_after` in seconds."""


class ApiServerError(PayrailError):
    """5xx: retried by the client unless its retries ran out."""


def _class_for(status: int, error_type: Optional[str]) -> type[PayrailError]:
    if status == 429 or error_type == "rate_limit_error":
        return RateLimitError
    if error_type == "card_error" or status == 402:
        return CardError
    if status == 401:
        return AuthenticationError
    if status == 403:
        return PermissionDeniedError
    if status >= 500:
        return ApiServerError
    return InvalidRequestError


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """`Retry-After` in seconds (Payrail sends delta-seconds); None when absent or not a number."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def error_from_response(status: int, headers: Mapping[str, str], raw: bytes) -> PayrailError:
    text = raw.decode("utf-8", errors="replace")
    error: Mapping[str, Any] = {}
    try:
        parsed = json.loads(text) if text else None
        if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
            error = parsed["error"]
    except ValueError:
        pass

    def field(name: str) -> Optional[str]:
        value = error.get(name)
        return value if isinstance(value, str) else None

    details = error.get("details")
    retry_after = parse_retry_after(headers.get("Retry-After"))
    return _class_for(status, field("type"))(
        status,
        field("message") or text or f"HTTP {status}",
        type=field("type"),
        code=field("code"),
        param=field("param"),
        decline_code=field("decline_code"),
        request_id=headers.get("Request-Id") or field("request_id"),
        retry_after=retry_after,
        details=details if isinstance(details, dict) else None,
        body=text,
        headers=dict(headers),
    )
