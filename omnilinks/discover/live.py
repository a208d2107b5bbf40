"""Crawl a live site: same-site pages from the start URL and sitemap.xml,
obeying robots.txt, bounded by pages, depth and URL length (crawl traps)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree
from protego import Protego

from omnilinks.extract.html import parse_page
from omnilinks.fetch.client import USER_AGENT, HttpClient, Response
from omnilinks.models import Page

MAX_URL_LENGTH = 2_000
SESSION_PARAMS = re.compile(r"^(jsessionid|phpsessid|sid|sessionid|session_id|utm_[a-z]+|fbclid|gclid)$", re.I)
MAX_SITEMAP_URLS = 50_000


@dataclass
class CrawlResult:
    pages: list[Page] = field(default_factory=list)
    responses: dict[str, Response] = field(default_factory=dict)  # every page URL fetched
    skipped_robots: list[str] = field(default_factory=list)
    truncated: bool = False  # limits stopped the crawl before the site was exhausted


def canonical(url: str) -> str:
    """The crawl's identity for a URL: no fragment, no session or tracking parameters."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not SESSION_PARAMS.match(k)])
    path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.I) or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def same_site(url: str, host: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "").lower().removeprefix("www.") == host.removeprefix("www.")


def crawl(start: str, client: HttpClient, max_pages: int, max_depth: int, region: str,
          on_page: Callable[[Page], None] | None = None) -> CrawlResult:
    host = (urlsplit(start).hostname or "").lower()
    client.allow_host(host)
    result = CrawlResult()
    robots = _robots(start, client)
    seen: set[str] = set()
    frontier: list[str] = []

    def enqueue(url: str, into: list[str]) -> None:
        key = canonical(url)
        if key in seen or len(key) > MAX_URL_LENGTH or not same_site(key, host):
            return
        seen.add(key)
        if robots is not None and not robots.can_fetch(key, USER_AGENT):
            result.skipped_robots.append(key)
            return
        into.append(key)

    enqueue(start, frontier)
    for url in _sitemap_urls(start, client, robots):
        enqueue(url, frontier)
    depth = 0
    while frontier and not client.cancel.is_set():
        if depth > max_depth:
            result.truncated = True
            break
        room = max_pages - len(result.responses)
        if room <= 0:
            result.truncated = True
            break
        if len(frontier) > room:
            frontier, result.truncated = frontier[:room], True
        next_level: list[str] = []
        for url, response in client.map(client.get, frontier):
            result.responses[url] = response
            if not response.ok or "html" not in response.content_type and response.content_type:
                continue
            page = parse_page(response.body, response.final_url, status=response.status or 0,
                              charset=_charset(response), region=region)
            page = replace(page, url=url)
            result.pages.append(page)
            if on_page:
                on_page(page)
            if not same_site(response.final_url, host):
                continue
            for link in page.links:
                if link.tag in ("a", "area") and "nofollow" not in link.rel:
                    enqueue(link.url, next_level)
        frontier = next_level
        depth += 1
    return result


def _charset(response: Response) -> str | None:
    match = re.search(r"charset=([\w.:-]+)", response.headers.get("content-type", ""), re.I)
    return match.group(1) if match else None


def _robots(start: str, client: HttpClient) -> Protego | None:
    parts = urlsplit(start)
    response = client.get(urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", "")), max_body=512_000)
    if not response.ok or response.status != 200:
        return None
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
