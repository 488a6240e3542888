"""Verifying Payrail's webhook deliveries, for each signature scheme an endpoint can choose
(libs/signing/src/webhook-schemes.ts): `payrail` (`Payments-Signature`) and `stripe` (`Stripe-Signature`), both
`t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`; `standard-webhooks` (`webhook-id`, `webhook-timestamp`,
`webhook-signature`); `sha256-hex` (`X-Webhook-Signature: sha256=<hex HMAC of the body>`, no timestamp)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Dict, Mapping, Optional, Union

DEFAULT_TOLERANCE_SECONDS = 300

Payload = Union[str, bytes]


class WebhookVerificationError(Exception):
    """The delivery is not Payrail's, was altered, or is too old to trust."""


def _bytes(payload: Payload) -> bytes:
    return payload.encode("utf-8") if isinstance(payload, str) else payload


def _header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    raise WebhookVerificationError(f"missing {name} header")


def _check_timestamp(timestamp: str, tolerance: int, now: Optional[float]) -> int:
    try:
        seconds = int(timestamp)
    except ValueError as error:
        raise WebhookVerificationError("the signature's timestamp is not a number") from error
    current = time.time() if now is None else now
    if abs(current - seconds) > tolerance:
        raise WebhookVerificationError("the signature's timestamp is outside the tolerance (a replay?)")
    return seconds


def _hex_hmac(secret: bytes, message: bytes) -> str:
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def verify_v1_header(payload: Payload, header: str, secret: str, tolerance: int = DEFAULT_TOLERANCE_SECONDS, now: Optional[float] = None) -> None:
    """`t=…,v1=…[,v1=…]` (the `payrail` and `stripe` schemes): raises WebhookVerificationError unless one `v1` matches."""
    pairs = [part.split("=", 1) for part in header.split(",") if "=" in part]
    timestamps = [value for name, value in pairs if name.strip() == "t"]
    signatures = [value for name, value in pairs if name.strip() == "v1"]
    if not timestamps or not signatures:
        raise WebhookVerificationError("the signature header has no t= or no v1=")
    seconds = _check_timestamp(timestamps[0], tolerance, now)
    expected = _hex_hmac(secret.encode("utf-8"), f"{seconds}.".encode("utf-8") + _bytes(payload))
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise WebhookVerificationError("no signature matches the payload")


def verify_standard_webhooks(payload: Payload, headers: Mapping[str, str], secret: str, tolerance: int = DEFAULT_TOLERANCE_SECONDS, now: Optional[float] = None) -> None:
    event_id = _header(headers, "webhook-id")
    seconds = _check_timestamp(_header(headers, "webhook-timestamp"), tolerance, now)
    try:
        key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret, validate=True)
    except ValueError as error:
        raise WebhookVerificationError("the secret is not a Standard Webhooks secret (whsec_ + base64)") from error
    signed = f"{event_id}.{seconds}.".encode("utf-8") + _bytes(payload)
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")
    candidates = [item.split(",", 1)[1] for item in _header(headers, "webhook-signature").split(" ") if item.startswith("v1,")]
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        raise WebhookVerificationError("no signature matches the payload")


def verify_sha256_hex(payload: Payload, header: str, secret: str) -> None:
    """The Payment Engine document's scheme. It signs no timestamp, so it cannot detect a replayed delivery."""
    expected = "sha256=" + _hex_hmac(secret.encode("utf-8"), _bytes(payload))
    if not hmac.compare_digest(expected, header.strip()):
        raise WebhookVerificationError("the signature does not match the payload")


def construct_event(
    payload: Payload,
    headers: Mapping[str, str],
    secret: str,
    scheme: str = "payrail",
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: Optional[float] = None,
) -> Dict[str, Any]:
    """Verifies a delivery under the endpoint's `scheme` and returns the event it carries.

    Pass the body exactly as received (bytes), not re-serialized JSON.
    """
    if scheme == "payrail":
        verify_v1_header(payload, _header(headers, "Payments-Signature"), secret, tolerance, now)
    elif scheme == "stripe":
        verify_v1_header(payload, _header(headers, "Stripe-Signature"), secret, tolerance, now)
    elif scheme == "standard-webhooks":
        verify_standard_webhooks(payload, headers, secret, tolerance, now)
    elif scheme == "sha256-hex":
        verify_sha256_hex(payload, _header(headers, "X-Webhook-Signature"), secret)
    else:
        raise ValueError(f"unknown webhook signature scheme {scheme!r}")
    event = json.loads(_bytes(payload))
    if not isinstance(event, dict):
        raise WebhookVerificationError("the payload is not a JSON object")
    return event
