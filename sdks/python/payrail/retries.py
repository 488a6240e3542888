"""When to retry and how long to wait: exponential backoff with full jitter, `Retry-After` when the server says."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable, Optional

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    # Never wait longer than this even if Retry-After asks for it: the caller would rather see the error.
    max_retry_after: float = 60.0
    random_fraction: Callable[[], float] = field(default=random.random, compare=False)

    def should_retry(self, attempt: int, status: Optional[int]) -> bool:
        """`attempt` counts retries done so far; `status` None is a network error."""
        return attempt < self.max_retries and (status is None or status in RETRYABLE_STATUSES)

    def delay(self, attempt: int, retry_after: Optional[float]) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        ceiling = min(self.max_delay, self.initial_delay * 2.0**attempt)
        # Half fixed, half random: spreads retries of many clients without ever retrying at once.
        return ceiling / 2 + ceiling / 2 * self.random_fraction()
