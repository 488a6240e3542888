"""Iterating a whole list: Stripe-style cursor pages (`has_more`, `starting_after` = the last item's id)."""
from __future__ import annotations

from typing import Any, Callable, Iterator, Optional


def auto_paging_iter(list_page: Callable[..., Any], **params: Any) -> Iterator[Any]:
    """Yields every item of a list operation (e.g. `client.payment_intents.get_payment_intents`), page after page.

    `params` are the operation's own (`limit`, `customer`, ...); `starting_after` is set from each page's last item.
    """
    starting_after: Optional[str] = params.pop("starting_after", None)
    while True:
        page = list_page(**params, starting_after=starting_after) if starting_after else list_page(**params)
        items = list(page.data)
        yield from items
        if not page.has_more or not items:
            return
        starting_after = items[-1].id
