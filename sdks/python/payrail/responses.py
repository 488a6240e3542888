"""Reading an answer's JSON as it came, beside its typed model: the `_with_http_info` twin keeps the bytes."""
from __future__ import annotations

import json
from typing import Any

from payrail_api.api_response import ApiResponse


def json_body(response: ApiResponse[Any]) -> Any:
    """The parsed JSON of a `..._with_http_info` answer, e.g. `json_body(client.request_logs.get_request_logs_with_http_info(limit=5))`."""
    return json.loads(response.raw_data or b"null")
