"""The one HTTP layer: every page, link, channel and API request goes through here.

Errors from requests/urllib3 are translated once, here, into a `Response`
with an `error` kind, so no other stage handles exceptions from the network.
"""
from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import requests
from urllib3.exceptions import NameResolutionError

from omnilinks import __version__
from omnilinks.fetch.cache import ResultCache
from omnilinks.fetch.guard import AddressPolicy, BlockedAddress, GuardedAdapter
from omnilinks.fetch.walls import detect_wall

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
RETRY_ERRORS = frozenset({"timeout", "connection"})
HEAD_REFUSED = frozenset({400, 403, 404, 405, 406, 409, 410, 429, 500, 501, 502, 503})
USER_AGENT = f"omnilinks/{__version__} (+https://pypi.org/project/omnilinks/)"
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None  # timeout dns tls connection private scheme too_large redirect_loop too_many_redirects deadline not_recorded
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


@dataclass(frozen=True)
class HttpOptions:
    timeout: float = 15.0
    retries: int = 2
    per_host: int = 4
    concurrency: int = 32
    max_body: int = 10 * 1024 * 1024
    max_redirects: int = 10
    max_retry_after: float = 30.0
    backoff: float = 0.5
    allow_private: bool = False
    allowed_hosts: frozenset[str] = frozenset()
    deadline: float | None = None  # time.monotonic() after which nothing new starts


class HostSlot:
    """Scrapy-style download slot: a per-host limit and a not-before time set by 429s."""

    def __init__(self, limit: int):
        self.semaphore = threading.Semaphore(limit)
        self.not_before = 0.0
        self.lock = threading.Lock()

    def delay(self, seconds: float) -> None:
        with self.lock:
            self.not_before = max(self.not_before, time.monotonic() + seconds)


class HttpClient:
    def __init__(
        self,
        options: HttpOptions | None = None,
        cache: ResultCache | None = None,
        transport: requests.adapters.BaseAdapter | None = None,
        cancel: threading.Event | None = None,
    ):
        self.options = options or HttpOptions()
        self.cache = cache
        self.cancel = cancel or threading.Event()
        self.session = requests.Session()
        self.session.trust_env = False  # a proxy from the environment would bypass the address guard
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept-Language"] = "id,en;q=0.8"
        guarded = GuardedAdapter(
            AddressPolicy(self.options.allow_private, frozenset(h.lower() for h in self.options.allowed_hosts)),
            pool_maxsize=max(self.options.concurrency, 4),
        )
        for scheme in ("http://", "https://"):
            self.session.mount(scheme, transport or guarded)
        self._slots: dict[str, HostSlot] = {}
        self._slots_lock = threading.Lock()
        self.requests_made = 0

    def allow_host(self, host: str) -> None:
        """The site's own start host is allowed even on a private address."""
        hosts = self.options.allowed_hosts | {host.lower()}
        self.options = replace(self.options, allowed_hosts=hosts)
        for adapter in self.session.adapters.values():
            if isinstance(adapter, GuardedAdapter):
                adapter.__init__(AddressPolicy(self.options.allow_private, hosts), max(self.options.concurrency, 4))

    # -- public API -------------------------------------------------------
    def get(self, url: str, **kwargs: Any) -> Response:
        return self.request("GET", url, **kwargs)

    def check(self, url: str) -> Response:
        """Does this URL answer? HEAD first, GET where HEAD is refused; cached."""
        key = "check:" + url
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit:
                return Response(url=url, final_url=hit["final_url"], status=hit["status"],
                                redirects=tuple(hit["redirects"]), from_cache=True)
        result = self.request("HEAD", url, read_body=False)
        if result.wall is None and (result.error is not None or (result.status or 0) in HEAD_REFUSED):
            if result.error not in ("private", "scheme", "dns", "deadline", "cancelled"):
                result = self.request("GET", url, read_body=False)
        if self.cache is not None and result.ok:
            self.cache.put(key, {"final_url": result.final_url, "status": result.status,
                                 "redirects": list(result.redirects)})
        return result

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        json: Any = None,
        read_body: bool = True,
        max_body: int | None = None,
    ) -> Response:
        if urlsplit(url).scheme not in ("http", "https"):
            return Response(url, url, error="scheme", detail=f"refused scheme {urlsplit(url).scheme or '(none)'}:")
        attempt = 0
        while True:
            slot = self._slot(url)
            if not self._wait_for(slot):
                return Response(url, url, error="deadline", detail="not checked: the run's deadline was reached")
            with slot.semaphore:
                result = self._follow(method, url, headers, json, read_body, max_body or self.options.max_body)
            retry_in = self._retry_delay(result, attempt)
            if retry_in is None:
                return result
            slot.delay(retry_in)
            attempt += 1

    def map(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        """Run func over items on the global thread pool, yielding as each finishes.

        Work is submitted lazily so a huge crawl keeps memory bounded, and a
        cancel (Ctrl-C) stops submitting while what finished is still yielded.
        """
        items = iter(items)
        limit = self.options.concurrency
        with ThreadPoolExecutor(max_workers=limit, thread_name_prefix="omnilinks") as pool:
            running: dict[Future[R], T] = {}
            exhausted = False
            while True:
                while not exhausted and not self.cancel.is_set() and len(running) < limit * 2:
                    try:
                        item = next(items)
                    except StopIteration:
                        exhausted = True
                        break
                    running[pool.submit(func, item)] = item
                if not running:
                    return
                done, _ = wait(list(running), timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    item = running.pop(future)
                    yield item, future.result()
                if self.cancel.is_set() and not done:
                    for future in running:
                        future.cancel()

    def close(self) -> None:
        self.session.close()

    # -- internals ----------------------------------------------------------
    def _slot(self, url: str) -> HostSlot:
        host = (urlsplit(url).hostname or "").lower()
        with self._slots_lock:
            slot = self._slots.get(host)
            if slot is None:
                slot = self._slots[host] = HostSlot(self.options.per_host)
            return slot

    def _past_deadline(self, margin: float = 0.0) -> bool:
        deadline = self.options.deadline
        return self.cancel.is_set() or (deadline is not None and time.monotonic() + margin > deadline)

    def _wait_for(self, slot: HostSlot) -> bool:
        while True:
            if self._past_deadline():
                return False
            pause = slot.not_before - time.monotonic()
            if pause <= 0:
                return True
            self.cancel.wait(min(pause, 0.5))

    def _retry_delay(self, result: Response, attempt: int) -> float | None:
        retryable = (result.status in RETRY_STATUSES and result.wall is None) or result.error in RETRY_ERRORS
        if result.status == 429:
            retryable = True
        if not retryable or attempt >= self.options.retries:
            return None
        delay = _retry_after(result.headers.get("retry-after")) if result.status in (429, 503) else None
        if delay is None:
            delay = self.options.backoff * (2**attempt)
        delay = min(delay, self.options.max_retry_after)
        return None if self._past_deadline(margin=delay) else delay

    def _follow(self, method: str, url: str, headers: dict[str, str] | None, json: Any,
                read_body: bool, max_body: int) -> Response:
        hops: list[str] = []
        current = url
        while True:
            self.requests_made += 1
            try:
                raw = self.session.request(method, current, headers=headers, json=json, stream=True,
                                           allow_redirects=False, timeout=(self.options.timeout, self.options.timeout))
            except requests.RequestException as exc:
                kind, detail = translate_error(exc)
                return Response(url, current, error=kind, detail=detail, redirects=tuple(hops))
            with raw:
                location = raw.headers.get("location")
                if raw.is_redirect and location:
                    target = urljoin(current, location.strip())
                    hops.append(current)
                    if target in hops or target == current:
                        return Response(url, target, status=raw.status_code, error="redirect_loop",
                                        detail=f"redirect loop back to {target}", redirects=tuple(hops))
                    if len(hops) > self.options.max_redirects:
                        return Response(url, target, status=raw.status_code, error="too_many_redirects",
                                        detail=f"more than {self.options.max_redirects} redirects", redirects=tuple(hops))
                    if urlsplit(target).scheme not in ("http", "https"):
                        return Response(url, target, error="scheme", detail=f"redirect to refused scheme: {target}",
                                        redirects=tuple(hops))
                    if raw.status_code == 303 or (raw.status_code in (301, 302) and method == "POST"):
                        method, json = "GET", None
                    current = target
                    continue
                return self._read(url, current, raw, hops, read_body, max_body)

    def _read(self, url: str, final: str, raw: requests.Response, hops: list[str],
              read_body: bool, max_body: int) -> Response:
        headers = {k.lower(): v for k, v in raw.headers.items()}
        status = raw.status_code
        body, truncated, error, detail = b"", False, None, None
        wants_body = read_body or status >= 400 or "html" in headers.get("content-type", "")
        if wants_body and raw.request.method != "HEAD":
            limit = max_body if read_body else 65_536  # a wall is told from the first bytes
            body, truncated, error, detail = _read_capped(raw, limit, self.options.timeout * 2)
            if truncated and not read_body:
                truncated = False
        wall = detect_wall(url, final, status, headers, body[:200_000])
        return Response(url, final, status, headers, body if read_body or status >= 400 else b"",
                        error=error, detail=detail, wall=wall, redirects=tuple(hops), truncated=truncated,
                        evidence=headers.get("x-omnilinks-evidence", "fetched"))


def _read_capped(raw: requests.Response, limit: int, seconds: float) -> tuple[bytes, bool, str | None, str | None]:
    """Read at most `limit` decoded bytes within `seconds`, whatever the server does.

    read1 returns what one socket read gives, so a slow-drip server is cut at the
    deadline, and the cap counts bytes after decompression, so a gzip bomb stops
    at the cap.
    """
    chunks: list[bytes] = []
    size = 0
    stop_at = time.monotonic() + seconds
    try:
        while True:
            chunk = raw.raw.read1(65_536, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                chunks.append(chunk[: limit - (size - len(chunk))])
                return b"".join(chunks), True, "too_large", f"body larger than {limit:,} bytes (decoded)"
            chunks.append(chunk)
            if time.monotonic() > stop_at:
                return b"".join(chunks), True, "timeout", f"body not complete after {seconds:g} s"
    except requests.RequestException as exc:
        kind, detail = translate_error(exc)
        return b"".join(chunks), True, kind, detail
    except Exception as exc:  # urllib3 decode/protocol errors while streaming
        kind, detail = translate_error(exc)
        return b"".join(chunks), True, kind, detail
    return b"".join(chunks), False, None, None


def translate_error(exc: BaseException) -> tuple[str, str]:
    """One place that turns network exceptions into an error kind and a message."""
    chain: list[BaseException] = []
    node: BaseException | None = exc
    while node is not None and node not in chain:
        chain.append(node)
        node = node.__cause__ or node.__context__ or (node.args[0] if node.args and isinstance(node.args[0], BaseException) else None)
        reason = getattr(node, "reason", None)
        if isinstance(reason, BaseException) and reason not in chain:
            chain.append(reason)
    text = " ".join(str(e) for e in chain)
    if any(isinstance(e, BlockedAddress) for e in chain) or "private or reserved address" in text:
        detail = next((str(e) for e in chain if "refused to connect" in str(e)), text)
        return "private", detail[detail.find("refused"):] if "refused" in detail else detail
    if any(isinstance(e, NameResolutionError) for e in chain) or "Name or service not known" in text \
            or "getaddrinfo failed" in text or "nodename nor servname" in text or "Failed to resolve" in text:
        return "dns", "DNS lookup failed"
    if isinstance(exc, requests.exceptions.SSLError) or "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text:
        return "tls", "TLS error: " + _short(text)
    if isinstance(exc, (requests.exceptions.Timeout,)) or "timed out" in text.lower():
        return "timeout", "timed out"
    if "not recorded" in text:
        return "not_recorded", _short(str(exc))
    if isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return "connection", "connection failed: " + _short(text)
    return "connection", _short(text) or exc.__class__.__name__


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 160 else text[:157] + "..."


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
