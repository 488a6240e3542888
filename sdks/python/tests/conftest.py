"""The platform under test: PAYRAIL_URL and PAYRAIL_SANDBOX_CREDENTIALS (the sandbox-credentials.json a running
Payrail writes into its data folder), as .ci/sdk-python.sh sets them."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Iterator

import pytest

from payrail import Payrail


@dataclass(frozen=True)
class Sandbox:
    url: str
    secret_key: str = field(repr=False)
    client_id: str
    client_secret: str = field(repr=False)
    signing_key: str
    signing_secret: str = field(repr=False)


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    url = os.environ.get("PAYRAIL_URL")
    credentials_file = os.environ.get("PAYRAIL_SANDBOX_CREDENTIALS")
    if not url or not credentials_file:
        raise RuntimeError("set PAYRAIL_URL and PAYRAIL_SANDBOX_CREDENTIALS (see .ci/sdk-python.sh)")
    with open(credentials_file, encoding="utf-8") as handle:
        credentials = json.load(handle)
    return Sandbox(
        url=url,
        secret_key=credentials["secret_key"],
        client_id=credentials["client_id"],
        client_secret=credentials["client_secret"],
        signing_key=credentials["signing_key"],
        signing_secret=credentials["signing_secret"],
    )


@pytest.fixture()
def client(sandbox: Sandbox) -> Iterator[Payrail]:
    with Payrail(sandbox.url, api_key=sandbox.secret_key) as payrail:
        yield payrail
