"""`/v1/events/stream`: the merchant's events as they are recorded, over a WebSocket, each once and in the order of
`GET /v1/events`. After a dropped connection (a network failure, `1013` try again, `4008` slow client, a restarting
edge) the stream reconnects and resumes after the last event it yielded, so that nothing is skipped or repeated.
The credentials go in the upgrade request's headers, as for any request (Payrail never takes a secret key in a URL).
`EventStream` is the synchronous iterator, `AsyncEventStream` the asyncio one."""
from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass
from typing import AsyncGenerator, AsyncIterator, Generator, Iterator, Optional, Sequence, Tuple, Union
from urllib.parse import quote, urlsplit

from websockets.asyncio.client import ClientConnection as AsyncClientConnection
from websockets.asyncio.client import connect as connect_async
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
from websockets.sync.client import ClientConnection
from websockets.sync.client import connect as connect_sync

from payrail_api.models import EventResource

from .auth import Authenticator, OAuthClientCredentials, OutgoingRequest
from .errors import PayrailError, error_from_response

STREAM_PATH = "/v1/events/stream"
# The server closes normally only when it has nothing more to say; the client closes with it when it is done.
NORMAL_CLOSURE = 1000
# No close frame at all: the connection was cut.
ABNORMAL_CLOSURE = 1006
MAX_RECONNECT_DELAY = 10.0

# Failures to open a connection that a later attempt may not meet (the network, a restarting edge).
_TRANSIENT_CONNECT_ERRORS = (OSError, TimeoutError, InvalidHandshake)


@dataclass(frozen=True)
class StreamOptions:
    # Exact types, groups (`charge.*`) or `*`; every event when empty.
    types: Tuple[str, ...] = ()
    # Replay the events recorded after this one first, then continue live.
    starting_after: Optional[str] = None
    # Reconnect and resume after the last event yielded when the connection drops.
    reconnect: bool = True
    open_timeout: float = 10.0


def stream_request(base_url: str, types: Sequence[str], starting_after: Optional[str]) -> Tuple[str, str]:
    """The WebSocket URL and the path with its query exactly as sent (what a signed request signs)."""
    parts = urlsplit(base_url)
    query = [f"types%5B%5D={quote(kind, safe='')}" for kind in types]
    if starting_after:
        query.append(f"starting_after={quote(starting_after, safe='')}")
    path = parts.path.rstrip("/") + STREAM_PATH + ("?" + "&".join(query) if query else "")
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{path}", path


def parse_event(message: Union[str, bytes]) -> EventResource:
    event = EventResource.from_dict(json.loads(message))
    if event is None:
        raise ValueError("the event stream sent a message that is not an event")
    return event


def reconnect_delay(failures: int) -> float:
    """0.5 s after the first failure in a row, doubling up to MAX_RECONNECT_DELAY."""
    return float(min(0.25 * 2**failures, MAX_RECONNECT_DELAY))


class _Refusal:
    """What to do when the upgrade was answered with an HTTP status instead of a WebSocket."""

    def __init__(self, authenticator: Authenticator) -> None:
        self._authenticator = authenticator
        self._refreshed_token = False

    def retry_or_raise(self, refusal: InvalidStatus) -> None:
        """Returns when another attempt may succeed; raises the refusal's typed error otherwise."""
        response = refusal.response
        error = error_from_response(response.status_code, response.headers, response.body or b"")
        if error.status == 401 and isinstance(self._authenticator, OAuthClientCredentials) and not self._refreshed_token:
            # An access token can expire or be revoked between our clock and the server's: fetch one and retry once.
            self._authenticator.invalidate()
            self._refreshed_token = True
            return
        if error.status == 429 or error.status >= 500:
            return
        raise error

    def connected(self) -> None:
        self._refreshed_token = False


class EventStream(Iterator[EventResource]):
    """`for event in client.stream_events(types=["payment_intent.*"]): …`. Blocks until the next event; `close()`
    (from any thread, or leaving a `with` block) ends the iteration. `last_event_id` is where it would resume;
    `reconnects` counts the connections it had to reopen."""

    def __init__(self, base_url: str, authenticator: Authenticator, options: StreamOptions) -> None:
        self._base_url = base_url
        self._authenticator = authenticator
        self._options = options
        self.last_event_id = options.starting_after
        # Connections opened after the first one (after a drop, a refusal worth retrying, a failed attempt).
        self.reconnects = 0
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._connection: Optional[ClientConnection] = None
        self._events = self._run()

    def __iter__(self) -> "EventStream":
        return self

    def __next__(self) -> EventResource:
        return next(self._events)

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            connection = self._connection
        if connection is not None:
            connection.close(NORMAL_CLOSURE, "client done")
        try:
            self._events.close()
        except ValueError:
            pass  # iterating in another thread: it stops on its own now that the connection is closed

    def __enter__(self) -> "EventStream":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self) -> Generator[EventResource, None, None]:
        refusal = _Refusal(self._authenticator)
        failures = 0
        while not self._closed.is_set():
            url, path = stream_request(self._base_url, self._options.types, self.last_event_id)
            headers = self._authenticator.headers(OutgoingRequest("GET", path, b""))
            close_code = ABNORMAL_CLOSURE
            try:
                with connect_sync(url, additional_headers=headers, open_timeout=self._options.open_timeout) as connection:
                    with self._lock:
                        self._connection = connection
                    if self._closed.is_set():
                        return
                    refusal.connected()
                    for message in connection:
                        event = parse_event(message)
                        failures = 0
                        self.last_event_id = event.id
                        yield event
                    close_code = connection.close_code or ABNORMAL_CLOSURE
            except InvalidStatus as refused:
                refusal.retry_or_raise(refused)
            except ConnectionClosed as closed:
                close_code = closed.rcvd.code if closed.rcvd else ABNORMAL_CLOSURE
            except _TRANSIENT_CONNECT_ERRORS:
                pass
            finally:
                with self._lock:
                    self._connection = None
            if self._closed.is_set() or close_code == NORMAL_CLOSURE or not self._options.reconnect:
                return
            failures += 1
            self.reconnects += 1
            self._closed.wait(reconnect_delay(failures))


class AsyncEventStream(AsyncIterator[EventResource]):
    """`async for event in client.stream_events(…)`; `await stream.aclose()` (or leaving an `async with` block) ends
    it. The authenticator runs in a worker thread (fetching an OAuth token is blocking I/O)."""

    def __init__(self, base_url: str, authenticator: Authenticator, options: StreamOptions) -> None:
        self._base_url = base_url
        self._authenticator = authenticator
        self._options = options
        self.last_event_id = options.starting_after
        # Connections opened after the first one (after a drop, a refusal worth retrying, a failed attempt).
        self.reconnects = 0
        self._closed = False
        self._wake: Optional[asyncio.Event] = None
        self._connection: Optional[AsyncClientConnection] = None
        self._events = self._run()

    def __aiter__(self) -> "AsyncEventStream":
        return self

    async def __anext__(self) -> EventResource:
        return await self._events.__anext__()

    async def aclose(self) -> None:
        self._closed = True
        if self._wake is not None:
            self._wake.set()
        if self._connection is not None:
            await self._connection.close(NORMAL_CLOSURE, "client done")
        try:
            await self._events.aclose()
        except RuntimeError:
            pass  # iterating in another task: it stops on its own now that the connection is closed

    async def __aenter__(self) -> "AsyncEventStream":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _run(self) -> AsyncGenerator[EventResource, None]:
        refusal = _Refusal(self._authenticator)
        failures = 0
        while not self._closed:
            url, path = stream_request(self._base_url, self._options.types, self.last_event_id)
            headers = await asyncio.to_thread(self._authenticator.headers, OutgoingRequest("GET", path, b""))
            close_code = ABNORMAL_CLOSURE
            try:
                async with connect_async(url, additional_headers=headers, open_timeout=self._options.open_timeout) as connection:
                    self._connection = connection
                    if self._closed:
                        return
                    refusal.connected()
                    async for message in connection:
                        event = parse_event(message)
                        failures = 0
                        self.last_event_id = event.id
                        yield event
                    close_code = connection.close_code or ABNORMAL_CLOSURE
            except InvalidStatus as refused:
                refusal.retry_or_raise(refused)
            except ConnectionClosed as closed:
                close_code = closed.rcvd.code if closed.rcvd else ABNORMAL_CLOSURE
            except _TRANSIENT_CONNECT_ERRORS:
                pass
            finally:
                self._connection = None
            if self._closed or close_code == NORMAL_CLOSURE or not self._options.reconnect:
                return
            failures += 1
            self.reconnects += 1
            self._wake = asyncio.Event()
            try:
                await asyncio.wait_for(self._wake.wait(), reconnect_delay(failures))
            except asyncio.TimeoutError:
                pass
