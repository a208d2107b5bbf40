"""Discover stage: turn a target (a built folder or a live URL) into pages."""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from omnilinks.discover.folder import FolderSite, normalize_base
from omnilinks.discover.live import canonical, crawl, same_site
from omnilinks.errors import OmnilinksError
from omnilinks.extract.html import parse_page
from omnilinks.fetch.client import HttpClient, Response
from omnilinks.models import Page


@dataclass
class Site:
    mode: str  # folder | live
    base: str
    pages: list[Page] = field(default_factory=list)
    folder: FolderSite | None = None
    responses: dict[str, Response] = field(default_factory=dict)  # live: crawled page URL → response
    truncated: bool = False
    robots_disallowed: frozenset[str] = frozenset()  # live: same-site URLs robots.txt forbids fetching
    _by_url: dict[str, Page] = field(default_factory=dict)

    def index(self) -> None:
        self._by_url = {canonical(p.url): p for p in self.pages}
        if self.folder is not None:
            for page in self.pages:
                if page.location.path:
                    self._by_url.setdefault("file:" + page.location.path, page)

    def is_internal(self, url: str) -> bool:
        if self.folder is not None:
            return self.folder.is_internal(url)
        return same_site(url, (urlsplit(self.base).hostname or "").lower())

    def page_for(self, url: str) -> Page | None:
        page = self._by_url.get(canonical(url))
        if page is None and self.folder is not None:
            relative = self.folder.file_for(url)
            if relative is not None:
                page = self._by_url.get("file:" + self.folder.display_path(self.folder.root / relative))
        return page

    def exists(self, url: str) -> bool | None:
        """Folder: whether a file serves the URL. Live: known from the crawl, else None (check it)."""
        if self.folder is not None:
            return self.folder.file_for(url) is not None
        key = canonical(url)
        if key in self.robots_disallowed:
            return True  # robots.txt forbids the request; the link is not ours to judge
        response = self.responses.get(key)
        return None if response is None else response.ok


def is_url(target: str) -> bool:
    return urlsplit(target).scheme in ("http", "https")


def discover(target: str, client: HttpClient, base_url: str | None, assume_extension: str | None,
             max_pages: int, max_depth: int, region: str, on_page: Callable[[Page], None] | None = None) -> Site:
    if is_url(target):
        result = crawl(target, client, max_pages, max_depth, region, on_page)
        site = Site("live", normalize_base(target), result.pages, responses=result.responses,
                    truncated=result.truncated, robots_disallowed=frozenset(result.skipped_robots))
    else:
        if not os.path.isdir(target):
            raise OmnilinksError(f"{target}: not a folder or an http(s) URL")
        folder = FolderSite(target, base_url, assume_extension)
        pages = []
        for path in folder.html_files():
            pages.append(_read_page(folder, path, region))
            if on_page:
                on_page(pages[-1])
        if not pages:
            raise OmnilinksError(f"{target}: no HTML files found")
        site = Site("folder", folder.base, pages, folder=folder)
    site.index()
    return site


def _read_page(folder: FolderSite, path: Path, region: str) -> Page:
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise OmnilinksError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_page(body, folder.url_for(path), path=folder.display_path(path), region=region)
