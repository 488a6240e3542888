"""The three ways a server authenticates to Payrail: a secret API key, an OAuth2 client-credentials token, and an
HMAC-signed request (README "Authenticating"). Each gives the headers of one attempt of one request."""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Protocol
from urllib.parse import urlencode

import urllib3


@dataclass(frozen=True)
class OutgoingRequest:
    method: str
    # The path with its query string, exactly as sent.
    path: str
    body: bytes


class Authenticator(Protocol):
    def headers(self, request: OutgoingRequest) -> Dict[str, str]: ...

    def invalidate(self) -> None:
        """The server refused the credentials (401): drop anything cached."""
        ...


class ApiKeyAuth:
    def __init__(self, secret_key: str) -> None:
        self._secret_key = secret_key

    def headers(self, request: OutgoingRequest) -> Dict[str, str]:
        return {"Authorization": f"Bearer {self._secret_key}"}

    def invalidate(self) -> None:
        return None


def canonical_request(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """`METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nRAW_BODY`, as libs/signing/src/request-signature.ts builds it."""
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n".encode("utf-8") + body


def sign_request(secret: str, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), canonical_request(method, path, timestamp, nonce, body), hashlib.sha256).hexdigest()


class SignedRequestAuth:
    """A new timestamp and nonce for every attempt: the platform accepts a nonce once."""

    def __init__(self, signing_key: str, signing_secret: str, clock: Callable[[], float] = time.time) -> None:
        self._signing_key = signing_key
        self._signing_secret = signing_secret
        self._clock = clock

    def headers(self, request: OutgoingRequest) -> Dict[str, str]:
        timestamp = str(int(self._clock()))
        nonce = secrets.token_hex(16)
        signature = sign_request(self._signing_secret, request.method, request.path, timestamp, nonce, request.body)
        return {"X-API-KEY": self._signing_key, "X-API-TIMESTAMP": timestamp, "X-API-NONCE": nonce, "X-API-SIGNATURE": signature}

    def invalidate(self) -> None:
        return None


class OAuthError(Exception):
    def __init__(self, status: int, error: Optional[str], description: Optional[str]) -> None:
        super().__init__(f"token request refused ({status}): {error or 'error'} {description or ''}".strip())
        self.status = status
        self.error = error
        self.description = description


@dataclass(frozen=True)
class _Token:
    value: str
    expires_at: float


class OAuthClientCredentials:
    """Fetches an access token from `POST /oauth/token` and reuses it until `refresh_margin` seconds before it
    expires; a 401 on a request drops it so that the retry fetches a new one. Thread-safe."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        scope: Optional[str] = None,
        refresh_margin: float = 60.0,
        clock: Callable[[], float] = time.time,
        http: Optional[urllib3.PoolManager] = None,
        timeout: float = 30.0,
    ) -> None:
        self._token_url = base_url.rstrip("/") + "/oauth/token"
        self._client_id = client_id
        self._client_secret = client_secret
        self._scope = scope
        self._refresh_margin = refresh_margin
        self._clock = clock
        self._http = http or urllib3.PoolManager()
        self._timeout = timeout
        self._token: Optional[_Token] = None
        self._lock = threading.Lock()
        self.tokens_fetched = 0

    def access_token(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._token.expires_at - self._refresh_margin:
                self._token = self._fetch()
            return self._token.value

    def headers(self, request: OutgoingRequest) -> Dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token()}"}

    def invalidate(self) -> None:
        with self._lock:
            self._token = None

    def _fetch(self) -> _Token:
        form = {"grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._client_secret}
        if self._scope:
            form["scope"] = self._scope
        issued_at = self._clock()
        response = self._http.request(
            "POST",
            self._token_url,
            body=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
            timeout=self._timeout,
            retries=False,
        )
        try:
            payload = json.loads(response.data.decode("utf-8") or "{}")
        except ValueError:
            payload = {}
        if response.status != 200 or not isinstance(payload.get("access_token"), str):
            raise OAuthError(response.status, payload.get("error"), payload.get("error_description"))
        self.tokens_fetched += 1
        expires_in = payload.get("expires_in")
        lifetime = float(expires_in) if isinstance(expires_in, (int, float)) else 0.0
        return _Token(payload["access_token"], issued_at + lifetime)
