"""Shared set-up for channel tests: recorded platform pages (our own fixtures),
a client that does not retry for long, and an adapter context for Kopi Senja."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from channel_kit import KOPI_SENJA, PLATFORM_FIXTURES, SITE

from omnilinks.channels.base import AdapterContext
from omnilinks.config import ChannelConfig
from omnilinks.fetch.client import HttpClient, HttpOptions


@pytest.fixture
def platform_page() -> Callable[[str], bytes]:
    def read(name: str) -> bytes:
        return (PLATFORM_FIXTURES / name).read_bytes()
    return read


@pytest.fixture
def client() -> Iterator[HttpClient]:
    # retries=0: a 429 is reported at once, never waited for.
    http = HttpClient(HttpOptions(retries=0, backoff=0.01, max_retry_after=0.05, timeout=5))
    yield http
    http.close()


@pytest.fixture
def actx(client: HttpClient) -> Callable[..., AdapterContext]:
    def make(channel: ChannelConfig | None = None, **changes: Any) -> AdapterContext:
        fields: dict[str, Any] = {"client": client, "site_url": SITE, "identity": KOPI_SENJA, "channel": channel}
        fields.update(changes)
        return AdapterContext(**fields)
    return make
