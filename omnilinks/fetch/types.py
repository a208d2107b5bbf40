"""What a fetch answers: the `Response` record and the kinds of error it can carry.

Every stage reads responses (discover, channels, rules, images, the report's
notes), so these types live apart from the HTTP client and import nothing of
the project: any layer may import them without reaching the network code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

# Why a request has no usable answer; `fetch.errors.translate_error` and the client decide which.
ErrorKind = Literal[
    "url",  # malformed URL
    "scheme",  # not http(s), or a redirect to another scheme
    "private",  # the host resolves to a private or reserved address (allow_private is off)
    "dns",
    "tls",
    "connection",
    "timeout",
    "too_large",  # the body passed the size cap (the status line was still read)
    "redirect_loop",
    "too_many_redirects",
    "deadline",  # the run's deadline or a stop request came first: the URL was not judged
    "not_recorded",  # replay-only run (the demo): the recording has no answer for this URL
]
ERROR_KINDS: tuple[ErrorKind, ...] = get_args(ErrorKind)


@dataclass(frozen=True)
class Response:
    """What one fetch answered, after its redirects: the page, or the error or bot wall met instead."""

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: ErrorKind | None = None
    detail: str | None = None
    wall: str | None = None
    redirects: tuple[str, ...] = ()
    truncated: bool = False
    from_cache: bool = False
    evidence: str = "fetched"

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400 and self.wall is None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def describe(self) -> str:
        if self.wall:
            return self.wall
        if self.error:
            return self.detail or self.error
        return f"HTTP {self.status}"
