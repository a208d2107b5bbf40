"""The one HTTP layer: every page, link, channel and API request goes through here.

Errors from requests/urllib3 are translated once, here, into a `Response`
with an `error` kind, so no other stage handles exceptions from the network.
"""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urljoin, urlsplit

from omnilinks.concurrency import bounded_map
from omnilinks.fetch.cache import ResultCache
from omnilinks.fetch.errors import short, translate_error
from omnilinks.fetch.hosts import HostSlot, HostSlots
from omnilinks.fetch.hosts import retry_after as _retry_after
from omnilinks.fetch.policy import AddressPolicy
from omnilinks.fetch.types import ErrorKind, Response
from omnilinks.fetch.walls import detect_wall
from omnilinks.fetch.watchdog import Watchdog
from omnilinks.version import __version__

if TYPE_CHECKING:
    import requests

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
RETRY_ERRORS: frozenset[ErrorKind] = frozenset({"timeout", "connection"})
# Errors a GET would only repeat: the check ends with the HEAD's answer.
NOT_RETRIED_WITH_GET: frozenset[ErrorKind] = frozenset({"url", "private", "scheme", "dns", "tls", "deadline", "redirect_loop", "too_many_redirects"})
HEAD_REFUSED = frozenset({400, 403, 404, 405, 406, 409, 410, 429, 500, 501, 502, 503})
USER_AGENT = f"omnilinks/{__version__} (+https://pypi.org/project/omnilinks/)"
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class HttpOptions:
    """The HTTP client's limits for one run, taken from the config's `check:` options."""

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
    deadline: float | None = None  # time.monotonic() after which nothing new starts and in-flight requests stop
    total_timeout: float | None = None  # one request (one hop) in all, headers and body; default 2 × timeout
    # (URL pattern, headers) from check.headers, sent on each hop whose URL matches (so a redirect to
    # another host does not carry a staging site's credentials); never shown in a repr or a log.
    url_headers: tuple[tuple[re.Pattern[str], dict[str, str]], ...] = field(default=(), repr=False)


class HttpClient:
    def __init__(
        self,
        options: HttpOptions | None = None,
        cache: ResultCache | None = None,
        transport: requests.adapters.BaseAdapter | None = None,
        cancel: threading.Event | None = None,
        slots: HostSlots | None = None,
    ):
        self.options = options or HttpOptions()
        self.cache = cache
        self.cancel = cancel or threading.Event()
        # One policy object shared by every guarded connection: allow_host() takes effect at once.
        self.policy = AddressPolicy(self.options.allow_private, self.options.allowed_hosts)
        self._transport = transport
        self._session: requests.Session | None = None
        self._session_lock = threading.Lock()
        self.watchdog = Watchdog(self.cancel)
        self.slots = slots or HostSlots(self.options.per_host)
        self._in_flight = threading.BoundedSemaphore(self.options.concurrency)
        self._seen: dict[str, Response] = {}  # this run's final answers (no bodies), reused by check()
        self.requests_made = 0

    @property
    def session(self) -> requests.Session:
        """The HTTP session, made on first use: a run that never connects (offline) never loads requests."""
        if self._session is None:
            with self._session_lock:
                if self._session is None:
                    self._session = self._new_session()
        return self._session

    def _new_session(self) -> requests.Session:
        import requests

        from omnilinks.fetch.guard import GuardedAdapter

        session = requests.Session()
        session.trust_env = False  # a proxy from the environment would bypass the address guard
        session.headers["User-Agent"] = USER_AGENT
        session.headers["Accept-Language"] = "id,en;q=0.8"
        guarded = GuardedAdapter(self.policy, pool_maxsize=max(self.options.concurrency, 4))
        for scheme in ("http://", "https://"):
            session.mount(scheme, self._transport or guarded)
        return session

    def allow_host(self, host: str, port: int | None = None) -> None:
        """The site's own start host is allowed even on a private address (on `port` only, when given)."""
        if port is None:
            self.options = replace(self.options, allowed_hosts=self.options.allowed_hosts | {host.lower()})
        self.policy.allow(host, port)
        from omnilinks.fetch.guard import GuardedAdapter

        for adapter in self.session.adapters.values():
            fallback = getattr(adapter, "fallback", None)  # a HAR replay falls back to a guarded adapter
            for guarded in (adapter, fallback):
                if isinstance(guarded, GuardedAdapter) and guarded.policy is not self.policy:
                    guarded.policy.allow(host, port)

    # -- public API -------------------------------------------------------
    def get(self, url: str, **kwargs: Any) -> Response:
        return self.request("GET", url, **kwargs)

    def answered(self, url: str) -> Response | None:
        """This run's final answer for the URL, if it was already fetched (a crawled page)."""
        return self._seen.get(url)

    def check(self, url: str) -> Response:
        """Does this URL answer? HEAD first, GET where HEAD is refused; cached between runs.

        An answer already fetched in this run (a crawled page that failed, say) is
        reused rather than asked again.
        """
        seen = self._seen.get(url)
        if seen is not None:
            return seen
        key = "check:" + url
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit and _valid_cached(hit):
                return Response(url=url, final_url=hit["final_url"], status=hit["status"],
                                redirects=tuple(hit["redirects"]), from_cache=True)
        result = self.request("HEAD", url, read_body=False)
        if result.wall is None and (result.error is not None or (result.status or 0) in HEAD_REFUSED):
            if result.error not in NOT_RETRIED_WITH_GET:
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
        try:
            scheme = urlsplit(url).scheme
            urlsplit(url).port  # noqa: B018 - raises on a malformed port
        except ValueError as exc:
            return Response(url, url, error="url", detail=f"malformed URL: {short(str(exc))}")
        if scheme not in ("http", "https"):
            return Response(url, url, error="scheme", detail=f"refused scheme {scheme or '(none)'}:")
        attempt = 0
        previous: Response | None = None  # a stop during a retry keeps the answer already had (a 503)
        while True:
            slot = self._slot(url)
            if not slot.acquire(self._past_deadline):
                if previous is not None:
                    result = previous
                    break
                return Response(url, url, error="deadline", detail=self._stop_reason())
            try:
                with self._in_flight:  # the global limit, across every pool that uses this client
                    result = self._follow(method, url, headers, json, read_body, max_body or self.options.max_body)
            finally:
                slot.release()
            if result.error == "deadline" and previous is not None:
                result = previous
                break
            previous = result
            retry_in = self._retry_delay(result, attempt, slot)
            if retry_in is None:
                break
            attempt += 1
        if method in ("GET", "HEAD") and result.error != "deadline":
            self._seen[url] = replace(result, body=b"") if result.body else result
        return result

    def map(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R]]:
        """Run func over items, check.concurrency at a time, yielding as each finishes; a cancel
        (Ctrl-C) stops new work while what finished is still yielded (omnilinks.concurrency)."""
        return bounded_map(func, items, self.options.concurrency, self.cancel)

    def close(self) -> None:
        self.watchdog.close()
        if self._session is not None:
            self._session.close()

    # -- internals ----------------------------------------------------------
    def _slot(self, url: str) -> HostSlot:
        return self.slots.get((urlsplit(url).hostname or "").lower())

    def _past_deadline(self, margin: float = 0.0) -> bool:
        deadline = self.options.deadline
        return self.cancel.is_set() or (deadline is not None and time.monotonic() + margin > deadline)

    def _stop_reason(self) -> str:
        return "not checked: the run was interrupted" if self.cancel.is_set() \
            else "not checked: the run's deadline was reached"

    def _retry_delay(self, result: Response, attempt: int, slot: HostSlot) -> float | None:
        """Seconds before retrying, or None; a throttling host is slowed for every request to it."""
        asked = _retry_after(result.headers.get("retry-after")) if result.status in (429, 503) else None
        if result.status == 429 or (result.status == 503 and asked is not None):
            slot.throttle(min(asked if asked is not None else self.options.backoff * 2 ** attempt,
                              self.options.max_retry_after))
        retryable = (result.status in RETRY_STATUSES and result.wall is None) or result.error in RETRY_ERRORS
        if result.status == 429:
            retryable = True
        if not retryable or attempt >= self.options.retries:
            return None
        if asked is not None and asked > self.options.max_retry_after:
            return None  # the host asks for longer than we wait: report it throttled instead
        delay = asked if asked is not None else self.options.backoff * (2**attempt)
        if self._past_deadline(margin=delay):
            return None
        slot.delay(delay)
        return delay

    def _follow(self, method: str, url: str, headers: dict[str, str] | None, json: Any,
                read_body: bool, max_body: int) -> Response:
        hops: list[str] = []
        current = url
        budget_seconds = self.options.total_timeout or 2 * self.options.timeout
        while True:
            self.requests_made += 1
            with self.watchdog.bounded(budget_seconds, self.options.deadline) as budget:
                outcome = self._hop(method, url, current, headers, json, read_body, max_body, hops, budget.until)
                if budget.fired and isinstance(outcome, Response):
                    # The socket was shut under the read: whatever arrived is incomplete.
                    return self._cut(outcome, budget.fired, budget_seconds)
            if isinstance(outcome, Response):
                return outcome
            if raw_status_changes_method(outcome[1], method):
                method, json = "GET", None
            current = outcome[0]

    def _headers_for(self, url: str, headers: dict[str, str] | None) -> dict[str, str] | None:
        extra = [values for pattern, values in self.options.url_headers if pattern.search(url)]
        if not extra:
            return headers
        merged = dict(headers or {})
        for values in extra:
            merged.update(values)
        return merged

    def _cut(self, outcome: Response, fired: str, seconds: float) -> Response:
        """The watchdog stopped this request: say why, not what the broken socket looked like."""
        if fired == "timeout":
            return replace(outcome, error="timeout", detail=f"no complete answer within {seconds:g} s",
                           truncated=bool(outcome.body))
        return Response(outcome.url, outcome.final_url, error="deadline", detail=self._stop_reason(),
                        redirects=outcome.redirects)

    def _hop(self, method: str, url: str, current: str, headers: dict[str, str] | None, json: Any,
             read_body: bool, max_body: int, hops: list[str], stop_at: float) -> Response | tuple[str, int]:
        """One request on the way to the answer: a final Response, or (next URL, redirect status)."""
        if self.options.url_headers:
            headers = self._headers_for(current, headers)
        import requests  # loaded with the session

        try:
            raw = self.session.request(method, current, headers=headers, json=json, stream=True,
                                       allow_redirects=False, timeout=(self.options.timeout, self.options.timeout))
        except requests.RequestException as exc:
            kind, detail = translate_error(exc)
            return Response(url, current, error=kind, detail=detail, redirects=tuple(hops))
        except (ValueError, UnicodeError) as exc:  # a URL even requests cannot parse
            return Response(url, current, error="url", detail=f"malformed URL: {short(str(exc))}",
                            redirects=tuple(hops))
        with raw:  # closing drops a connection whose body was not read (a bomb, a redirect body)
            location = raw.headers.get("location")
            if not (raw.is_redirect and location):
                return self._read(url, current, raw, hops, read_body, max_body, stop_at)
            try:
                target = urljoin(current, location.strip())
                urlsplit(target).port  # noqa: B018 - raises on a malformed port
            except ValueError:
                return Response(url, current, error="url",
                                detail=f"malformed redirect location {short(location)!r}", redirects=tuple(hops))
            hops.append(current)
            if target in hops:
                return Response(url, target, status=raw.status_code, error="redirect_loop",
                                detail=f"redirect loop back to {target}", redirects=tuple(hops))
            if len(hops) > self.options.max_redirects:
                return Response(url, target, status=raw.status_code, error="too_many_redirects",
                                detail=f"more than {self.options.max_redirects} redirects", redirects=tuple(hops))
            if urlsplit(target).scheme not in ("http", "https"):
                return Response(url, target, error="scheme", detail=f"redirect to refused scheme: {target}",
                                redirects=tuple(hops))
            return target, raw.status_code

    def _read(self, url: str, final: str, raw: requests.Response, hops: list[str],
              read_body: bool, max_body: int, stop_at: float) -> Response:
        headers = {k.lower(): v for k, v in raw.headers.items()}
        status = raw.status_code
        body, truncated, error, detail = b"", False, None, None
        wants_body = read_body or status >= 400 or "html" in headers.get("content-type", "")
        if raw.request.method == "HEAD":
            # No body follows a HEAD: hand the connection back to the pool for the next request
            # instead of closing it (closing a response that was not read drops its connection).
            raw.raw.drain_conn()
            raw.raw.release_conn()
        elif wants_body:
            limit = max_body if read_body else 65_536  # a wall is told from the first bytes
            body, truncated, error, detail = _read_capped(raw, limit, stop_at)
            if truncated and not read_body and error == "too_large":
                truncated, error, detail = False, None, None
        wall = detect_wall(url, final, status, headers, body[:200_000])
        return Response(url, final, status, headers, body if read_body or status >= 400 else b"",
                        error=error, detail=detail, wall=wall, redirects=tuple(hops), truncated=truncated,
                        evidence=headers.get("x-omnilinks-evidence", "fetched"))


def _valid_cached(hit: dict[str, Any]) -> bool:
    """A cache row someone edited or a bug wrote is a miss, not a crash."""
    return isinstance(hit.get("final_url"), str) and isinstance(hit.get("status"), int) \
        and isinstance(hit.get("redirects"), list) and all(isinstance(r, str) for r in hit["redirects"])


def raw_status_changes_method(status: int, method: str) -> bool:
    """303 always, and 301/302 after a POST, turn the next request into a GET (as browsers do)."""
    return status == 303 or (status in (301, 302) and method == "POST")


def _read_capped(raw: requests.Response, limit: int, stop_at: float) -> tuple[bytes, bool, ErrorKind | None, str | None]:
    """Read at most `limit` decoded bytes before `stop_at`, whatever the server does.

    read1 returns what one socket read gives, so a slow-drip server is cut at the
    deadline (the watchdog cuts a read that blocks), and the cap counts bytes
    after decompression, so a gzip or deflate bomb stops at the cap: urllib3
    (>= 2.6) decompresses only as much as each read asks for.
    """
    chunks: list[bytes] = []
    size = 0
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
                return b"".join(chunks), True, "timeout", "body not complete in time"
    except Exception as exc:  # requests, urllib3 decode/protocol and socket errors while streaming
        kind, detail = translate_error(exc)
        return b"".join(chunks), True, kind, detail
    return b"".join(chunks), False, None, None
