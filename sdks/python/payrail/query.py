"""Query strings as Payrail (and Stripe) read them: `created[gte]=…` for an object, `expand[]=…` for each item of a
list. The generated client would send an object as JSON and a list comma-joined, which the API refuses."""
from __future__ import annotations

from typing import Any, Iterable, List, Tuple
from urllib.parse import quote


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _pairs(key: str, value: Any) -> Iterable[Tuple[str, str]]:
    if isinstance(value, dict):
        for sub_key, sub_value in value.items():
            yield from _pairs(f"{key}[{sub_key}]", sub_value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _pairs(f"{key}[]", item)
    elif value is not None:
        yield key, _scalar(value)


def encode_query(params: Iterable[Tuple[str, Any]]) -> str:
    encoded: List[str] = []
    for key, value in params:
        # Brackets percent-encoded, as urllib3 would encode them anyway: what is signed must be what is sent.
        encoded.extend(f"{quote(name, safe='')}={quote(item, safe='')}" for name, item in _pairs(key, value))
    return "&".join(encoded)
