"""Crawl a live site: same-site pages from the start URL and sitemap.xml,
obeying robots.txt, bounded by pages, depth and URL length (crawl traps)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from lxml import etree

from omnilinks.discover.parsepool import BodyToParse, ParsePool
from omnilinks.errors import Interrupted
from omnilinks.extract.urls import PLAIN_URL
from omnilinks.fetch.client import USER_AGENT, HttpClient
from omnilinks.fetch.types import Response
from omnilinks.models import Page
from omnilinks.normalize.domain import same_host
from omnilinks.normalize.queryparams import CRAWL_NOISE, kept_query

if TYPE_CHECKING:
    from protego import Protego

PARSE_BATCH = 192  # pages parsed together: enough to keep the workers busy, few bodies held at once
MAX_URL_LENGTH = 2_000
MAX_SITEMAP_URLS = 50_000
MAX_PATH_SEGMENTS = 30
MAX_SEGMENT_REPEATS = 3  # /a/b/a/b/a/b/a/… is a relative-link loop, not a site
MAX_QUERY_VARIANTS = 1_000  # ?month=…, ?date=…: an endless calendar stops here, pagination fits
GONE = frozenset({404, 410})


@dataclass
class CrawlResult:
    """What crawling a live site found, for the Site built from it."""

    pages: list[Page] = field(default_factory=list)
    # Page URL → its answer without the body (bodies are parsed, then dropped, so memory
    # grows with pages, not bytes). Only definitive answers are kept: a page that exists
    # or is gone. A 5xx, timeout or refusal is left out, so the link checker reports it
    # with its real status rather than as a missing page.
    responses: dict[str, Response] = field(default_factory=dict)
    # Page URL → the answer of a page that could not be read (5xx, cut, refused), body dropped:
    # a page nothing links to (the start page, a sitemap entry) is reported from here.
    failed: dict[str, Response] = field(default_factory=dict)
    skipped_robots: list[str] = field(default_factory=list)
    skipped_traps: int = 0  # URLs refused as crawl traps (repeated segments, endless query variants)
    truncated: bool = False  # limits stopped the crawl before the site was exhausted


def canonical(url: str) -> str:
    """The crawl's identity for a URL: no fragment, no session or tracking parameters (normalize.queryparams)."""
    if PLAIN_URL.match(url):
        return url  # nothing to take out or lower-case: urlunsplit(urlsplit(url)) is the URL
    parts = urlsplit(url)
    query = kept_query(parts.query, CRAWL_NOISE)
    path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.I) or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def in_crawl_scope(url: str, host: str) -> bool:
    """A page of the crawled site: same host (www. or not, see normalize.domain.same_host); when `host`
    names a port ("127.0.0.1:8000"), the same port too. Not normalize.domain.same_site, which
    takes every subdomain in: a crawl stays on the one host.

    A local preview's other ports are other services, not pages of the site.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    if host.startswith("["):  # "[::1]:8000"
        name, _, port = host[1:].partition("]:")
    else:
        name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    if port:
        try:
            if str(parts.port or "") != port:
                return False
        except ValueError:
            return False
    return same_host(parts.hostname or "", name)


def looks_like_trap(url: str) -> bool:
    """Paths that only a loop of relative links makes: a segment repeated again and again."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return len(segments) > MAX_PATH_SEGMENTS or any(count > MAX_SEGMENT_REPEATS for count in Counter(segments).values())


def crawl(start: str, client: HttpClient, max_pages: int, max_depth: int, region: str,
          on_page: Callable[[Page], None] | None = None) -> CrawlResult:
    parts = urlsplit(start)
    host = (parts.hostname or "").lower()
    # The start host is allowed even on a private address, on its own port(s) only.
    for port in [parts.port] if parts.port else [80, 443]:
        client.allow_host(host, port)
    site = host
    if parts.port and parts.port not in (80, 443):
        site = f"[{host}]:{parts.port}" if ":" in host else f"{host}:{parts.port}"
    result = CrawlResult()
    robots = _robots(start, client)
    seen: set[str] = set()
    variants: Counter[str] = Counter()  # path → distinct query strings queued
    queued = 0
    frontier: list[str] = []
    considered: set[str] = set()

    def enqueue(url: str, into: list[str]) -> None:
        nonlocal queued
        if url in considered:  # nav and footer links repeat on every page: decide each URL once
            return
        considered.add(url)
        try:
            key = canonical(url)
        except ValueError:  # a malformed port or IPv6 literal in a crawled link
            return
        if key in seen or len(key) > MAX_URL_LENGTH or not in_crawl_scope(key, site):
            return
        if queued >= max_pages:  # the crawl will never fetch it: do not hold it either
            result.truncated = True
            return
        seen.add(key)
        path_key, _, query = key.partition("?")
        if looks_like_trap(key) or (query and variants[path_key] >= MAX_QUERY_VARIANTS):
            result.skipped_traps += 1
            result.truncated = True
            return
        if robots is not None and not robots.can_fetch(key, USER_AGENT):
            result.skipped_robots.append(key)  # the link checker must not request these either
            return
        if query:
            variants[path_key] += 1
        queued += 1
        into.append(key)

    enqueue(start, frontier)
    for url in _sitemap_urls(start, client, robots):
        enqueue(url, frontier)
    depth = 0
    jobs: list[BodyToParse] = []
    fetched: list[tuple[str, str]] = []  # (URL asked, final URL) of the bodies in `jobs`
    pool = ParsePool()

    def flush(next_level: list[str]) -> None:
        for (url, final), page in zip(fetched, pool.parse(jobs), strict=True):
            page = replace(page, url=url, links=page.links.shared())
            result.pages.append(page)
            if on_page:
                on_page(page)
            if in_crawl_scope(final, site):
                for link_url, kind in page.links.targets():
                    if kind.tag in ("a", "area") and "nofollow" not in kind.rel:
                        enqueue(link_url, next_level)
        fetched.clear()
        jobs.clear()

    try:
        while frontier and not client.cancel.is_set():
            if depth > max_depth:
                result.truncated = True
                break
            next_level: list[str] = []
            for url, response in client.map(client.get, frontier):
                _record(result, url, response)
                if _parsable(response):
                    fetched.append((url, response.final_url))
                    jobs.append((response.body, response.final_url, response.status or 0, _charset(response), region))
                    if len(jobs) >= PARSE_BATCH:  # bodies wait for a batch, never for a whole level
                        flush(next_level)
            flush(next_level)
            frontier = next_level
            depth += 1
    except Interrupted:
        pass  # the hard stop after SIGINT/SIGTERM: what was crawled is kept
    finally:
        pool.close()
    return result


def _parsable(response: Response) -> bool:
    """An HTML answer, the first max_body bytes of an oversized one included."""
    usable = response.ok or (response.error == "too_large" and response.status == 200 and response.wall is None)
    return usable and ("html" in response.content_type or not response.content_type)


def _record(result: CrawlResult, url: str, response: Response) -> None:
    lean = replace(response, body=b"")
    if response.ok or (response.status == 200 and response.error == "too_large" and response.wall is None):
        result.responses[url] = replace(lean, error=None, detail=None)  # it exists; only its tail was not read
    elif response.wall is None and response.error is None and response.status in GONE:
        result.responses[url] = lean
    elif response.wall is None and response.error != "deadline":
        result.failed[url] = lean


def _charset(response: Response) -> str | None:
    match = re.search(r"charset=([\w.:-]+)", response.headers.get("content-type", ""), re.I)
    return match.group(1) if match else None


def _robots(start: str, client: HttpClient) -> Protego | None:
    parts = urlsplit(start)
    response = client.get(urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", "")), max_body=512_000)
    if not response.ok or response.status != 200:
        return None
    from protego import Protego  # only a live crawl reads robots.txt

    try:
        return Protego.parse(response.body.decode("utf-8", "replace"))
    except Exception:  # protego raises assorted errors on garbage; no robots rules then
        return None


def _sitemap_urls(start: str, client: HttpClient, robots: Protego | None) -> list[str]:
    parts = urlsplit(start)
    sitemaps = list(robots.sitemaps) if robots is not None else []
    sitemaps = sitemaps or [urlunsplit((parts.scheme, parts.netloc, "/sitemap.xml", "", ""))]
    urls: list[str] = []
    visited: set[str] = set()
    while sitemaps and len(urls) < MAX_SITEMAP_URLS and len(visited) < 50:
        sitemap = sitemaps.pop(0)
        if sitemap in visited:
            continue
        visited.add(sitemap)
        response = client.get(sitemap, max_body=20_000_000)
        if not response.ok:
            continue
        try:
            root = etree.fromstring(response.body, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                                           huge_tree=False))
        except etree.XMLSyntaxError:
            continue
        for loc in root.iter("{*}loc"):
            text = (loc.text or "").strip()
            parent = etree.QName(loc.getparent()).localname if loc.getparent() is not None else ""
            (sitemaps if parent == "sitemap" else urls).append(text)
    return urls[:MAX_SITEMAP_URLS]
