"""asyncio: a thin layer that runs the synchronous client's calls in worker threads (`asyncio.to_thread`), so that one
generated package serves both. Everything else (authentication, idempotency, retries, errors) is the sync client's;
its connection pool and OAuth token cache are thread-safe. Results are the same models, untyped at this layer."""
from __future__ import annotations

import asyncio
from typing import Any, AsyncIterator, Awaitable, Callable, Optional, Sequence

from .client import Payrail
from .event_stream import AsyncEventStream, StreamOptions


class AsyncOperations:
    """One tag's operations (`client.payment_intents`), each returning an awaitable."""

    def __init__(self, operations: object) -> None:
        self._operations = operations

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        operation = getattr(self._operations, name)
        if name.startswith("_") or not callable(operation):
            raise AttributeError(name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await asyncio.to_thread(operation, *args, **kwargs)

        return call


class AsyncPayrail:
    """`AsyncPayrail(url, api_key=…)` takes the same arguments as `Payrail`; `await client.refunds.post_refunds(…)`."""

    def __init__(self, base_url: str, **options: Any) -> None:
        self.sync = Payrail(base_url, **options)

    def __getattr__(self, name: str) -> AsyncOperations:
        if name.startswith("_"):
            raise AttributeError(name)
        return AsyncOperations(getattr(self.sync, name))

    def stream_events(
        self,
        types: Optional[Sequence[str]] = None,
        starting_after: Optional[str] = None,
        *,
        reconnect: bool = True,
        open_timeout: float = 10.0,
    ) -> AsyncEventStream:
        """`async for event in client.stream_events(…)`: `Payrail.stream_events` for asyncio (see AsyncEventStream)."""
        options = StreamOptions(tuple(types or ()), starting_after, reconnect, open_timeout)
        assert self.sync.authenticator is not None  # Payrail.__init__ requires one
        return AsyncEventStream(self.sync.base_url, self.sync.authenticator, options)

    async def close(self) -> None:
        self.sync.close()

    async def __aenter__(self) -> "AsyncPayrail":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def async_auto_paging_iter(list_page: Callable[..., Awaitable[Any]], **params: Any) -> AsyncIterator[Any]:
    """`auto_paging_iter` for an async list operation (`client.payment_intents.get_payment_intents`)."""
    starting_after: Optional[str] = params.pop("starting_after", None)
    while True:
        page = await (list_page(**params, starting_after=starting_after) if starting_after else list_page(**params))
        items = list(page.data)
        for item in items:
            yield item
        if not page.has_more or not items:
            return
        starting_after = items[-1].id
