"""Discover stage: turn a target (a built folder or a live URL) into pages."""
from __future__ import annotations

import gc
import os
import re
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from pathlib import Path
from urllib.parse import urlsplit

from omnilinks.discover.folder import FolderSite, normalize_base, own_prefix, without_fragment_shared
from omnilinks.discover.live import canonical, crawl, in_crawl_scope
from omnilinks.discover.parsepool import MAX_WORKERS, configured_workers, cores, ignore_signals
from omnilinks.discover.redirects import Redirects, Rewritten, load_redirects
from omnilinks.errors import Interrupted, OmnilinksError
from omnilinks.extract.css import parse_stylesheet
from omnilinks.extract.html import parse_page
from omnilinks.fetch.client import HttpClient
from omnilinks.fetch.types import Response
from omnilinks.linktable import forget_shared_strings
from omnilinks.models import Page

PARALLEL_MIN_PAGES = 150  # below this, starting worker processes costs more than it saves
LAST_CHUNKS_FILES = 128  # per worker: how far the walk is read ahead of the chunks, so its end is seen coming



@dataclass(frozen=True)
class Reading:
    """What every file of a folder is read with: a worker forked after the walk gets it whole, so
    a job is the file's path alone (a 200,000-page site's job list was 70 MB as tuples of strings)."""

    folder: FolderSite
    region: str
    max_body: int  # bytes read of a file at most


_READING: Reading | None = None  # a worker's, set as it starts


@dataclass
class Site:
    """A built folder or a crawled live site as discovered: its pages, and what the rules ask of its URLs."""

    mode: str  # folder | live
    base: str
    pages: list[Page] = field(default_factory=list)
    folder: FolderSite | None = None
    responses: dict[str, Response] = field(default_factory=dict)  # live: crawled page URL → response
    failed: dict[str, Response] = field(default_factory=dict)  # live: crawled pages that could not be read
    truncated: bool = False
    robots_disallowed: frozenset[str] = frozenset()  # live: same-site URLs robots.txt forbids fetching
    _by_url: dict[str, Page] = field(default_factory=dict)
    _by_path: dict[str, Page] = field(default_factory=dict)  # folder: by the file's display path
    # Rules ask about the same few thousand targets for every link on every page: answer each once.
    _page_for: dict[str, Page | None] = field(default_factory=dict, repr=False)
    _internal: dict[str, bool] = field(default_factory=dict, repr=False)
    _host: str = field(default="", repr=False)
    _own: str = field(default="\0", repr=False)  # (no URL starts with a NUL)
    _exists: dict[str, bool | None] = field(default_factory=dict, repr=False)
    stylesheets: list[Page] = field(default_factory=list)  # folder: the site's .css files and their url()s
    redirects: Redirects = field(default_factory=lambda: Redirects([]))  # folder: the host's redirect rules
    _file_ids: dict[str, frozenset[str] | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._host = (urlsplit(self.base).hostname or "").lower()
        # Folder: every http(s) URL that starts with the base ("https://host/path/") is the site's own.
        self._own = own_prefix(self.folder)

    def index(self) -> None:
        # A page's own URL string as the key where it is already canonical: one string, not two, a page.
        self._by_url = {(p.url if (key := canonical(p.url)) == p.url else key): p for p in self.pages}
        if self.folder is not None:
            self._by_path = {}
            for page in self.pages:
                if page.location.path:
                    self._by_path.setdefault(page.location.path, page)
        self._page_for.clear()
        self._exists.clear()

    def is_internal(self, url: str) -> bool:
        if url.startswith(self._own):
            return True
        known = self._internal.get(url)  # a URL without a #fragment: its own key
        if known is not None:
            return known
        key = without_fragment_shared(url)  # the answer never depends on the fragment
        known = self._internal.get(key)
        if known is None:
            known = self._internal[key] = self.folder.is_internal(key) if self.folder is not None \
                else in_crawl_scope(key, self._host)
        return known

    def outbound(self, page: Page) -> tuple[int, ...]:
        """The indices of the page's links that leave the site (any scheme), in order: what the
        channel plan, the link index and the structured data rules read, out of every link."""
        if page.outbound is not None:  # a folder's page: its worker worked them out
            return page.outbound
        return leaving(page.links.urls, self._own, self.is_internal)

    def page_for(self, url: str) -> Page | None:
        key = without_fragment_shared(url)
        if key in self._page_for:
            return self._page_for[key]
        page = self._by_url.get(canonical(key))
        if page is None and self.folder is not None:
            relative = self.folder.file_for(key)
            if relative is not None:
                page = self._by_path.get(self.folder.display_path(self.folder.root / relative))
        self._page_for[key] = page
        return page

    def redirect_for(self, url: str) -> Rewritten | None:
        """The host's redirect or rewrite rule for an internal URL, if any."""
        if not self.redirects or self.folder is None:
            return None
        path = urlsplit(url).path
        base_path = self.folder.base_path.rstrip("/")
        return self.redirects.match("/" + path[len(base_path):].lstrip("/") if path.startswith(base_path) else path)

    def ids_for(self, url: str) -> frozenset[str] | None:
        """The ids a #fragment of the URL can name: an HTML page's ids and <a name>s, an SVG file's
        ids (icon sprites); None when that cannot be known (another kind of file, not crawled)."""
        page = self.page_for(url)
        if page is not None:
            return page.ids if page.is_html else None
        if self.folder is None:
            return None
        relative = self.folder.file_for(url)
        if relative is None or not relative.lower().endswith(".svg"):
            return None
        if relative not in self._file_ids:
            self._file_ids[relative] = svg_ids(self.folder.root / relative)
        return self._file_ids[relative]

    def display_for(self, url: str) -> str:
        page = self.page_for(url)
        if page is not None:
            return page.location.short()
        relative = self.folder.file_for(url) if self.folder is not None else None
        return self.folder.display_path(self.folder.root / relative) if relative and self.folder is not None \
            else url.partition("#")[0]

    def exists(self, url: str) -> bool | None:
        """Folder: whether a file serves the URL. Live: known from the crawl, else None (check it)."""
        if self.folder is not None:
            return self.folder.file_for(url) is not None
        key = without_fragment_shared(url)
        if key not in self._exists:
            response = self.responses.get(canonical(key))
            if canonical(key) in self.robots_disallowed:
                self._exists[key] = True  # robots.txt forbids the request; the link is not ours to judge
            else:
                self._exists[key] = None if response is None else response.ok
        return self._exists[key]


def _stylesheets(folder: FolderSite) -> list[Page]:
    sheets = []
    for path in folder.stylesheets:
        try:
            body = path.read_bytes()
        except OSError as exc:
            raise OmnilinksError(f"{path}: cannot read ({exc.strerror})") from None
        sheets.append(parse_stylesheet(body, folder.url_for(path), folder.display_path(path)))
    return sheets


SVG_ID = re.compile(rb"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def svg_ids(path: Path) -> frozenset[str] | None:
    """The ids of an SVG file (a sprite's <symbol id>s), read without an XML parser: a sprite
    that does not parse still draws in browsers."""
    try:
        body = path.read_bytes()
    except OSError:
        return None
    return frozenset((a or b).decode("utf-8", "replace") for a, b in SVG_ID.findall(body))


def is_url(target: str) -> bool:
    return urlsplit(target).scheme in ("http", "https")


def discover(target: str, client: HttpClient, base_url: str | None, assume_extension: str | None,
             max_pages: int, max_depth: int, region: str, on_page: Callable[[Page], None] | None = None) -> Site:
    if is_url(target):
        result = crawl(target, client, max_pages, max_depth, region, on_page)
        # Pages arrive as their fetches finish; identical runs must give identical reports.
        start = canonical(target)
        pages = sorted(result.pages, key=lambda page: (page.url != start, page.url))
        site = Site("live", normalize_base(target), pages, responses=result.responses, failed=result.failed,
                    truncated=result.truncated, robots_disallowed=frozenset(result.skipped_robots))
    else:
        if not os.path.isdir(target):
            raise OmnilinksError(f"{target}: not a folder or an http(s) URL")
        folder = FolderSite(target, base_url, assume_extension)
        files = folder.html_file_names()  # walked while the first pages are parsed
        first = next(files, None)
        if first is None:
            raise OmnilinksError(f"{target}: no HTML files found")
        with _gc_paused():
            pages = _parse_all(chain([first], files), Reading(folder, region, client.options.max_body), on_page,
                               client.cancel)
        site = Site("folder", folder.base, pages, folder=folder, stylesheets=_stylesheets(folder),
                    redirects=load_redirects(folder.root, target))
    site.index()
    forget_shared_strings()  # every page is read: nothing more arrives to share them with
    return site


def _parse_all(files: Iterable[str], reading: Reading, on_page: Callable[[Page], None] | None,
               cancel: threading.Event) -> list[Page]:
    """Parse every file, in worker processes when the site is big enough; pages keep the walk's order.
    The workers are forked once the first files are known, before the rest of the walk (what the
    parent holds at the fork becomes each worker's own memory as the parent goes on writing: at
    200,000 pages the whole file list was 80 MB a worker), and parse while the walk goes on.
    A stop request (SIGINT/SIGTERM) ends the reading within a fraction of a second; the pages read
    so far are kept."""
    files = iter(files)
    # Enough to choose the worker count (and no more: the workers start once it is walked).
    head = list(islice(files, max(PARALLEL_MIN_PAGES, PARALLEL_MIN_PAGES // 2 * min(cores(), MAX_WORKERS))))
    workers = worker_count(len(head))
    if workers < 2:
        pages: list[Page] = []
        try:
            for path in chain(head, files):
                if cancel.is_set():
                    break
                page = _parse_file(path, reading)
                pages.append(page)
                if on_page:
                    on_page(page)
        except Interrupted:
            pass
        return pages
    from omnilinks.discover.forkpool import ForkPool  # (here: a small site starts no worker, nor imports pickle)

    pool = ForkPool(workers, _parse_files, partial(_worker_init, reading))
    pages = []
    read_all = False
    try:
        for chunk in pool.map(_batches(chain(head, files), workers), cancel.is_set):
            for page in chunk:
                pages.append(page)
                if on_page:
                    on_page(page)
            if cancel.is_set():
                return pages
        read_all = not cancel.is_set()
        return pages
    except Interrupted:  # the hard stop after SIGINT/SIGTERM: the pages read so far are kept
        return pages
    finally:
        if read_all:
            pool.close()
        else:
            pool.stop()  # workers ignore SIGINT/SIGTERM (the parent owns stopping): killed


def _batches(files: Iterator[str], workers: int) -> Iterator[list[str]]:
    """The files in chunks for the workers: a few per worker while the walk has found few, then 32
    (fewer, bigger chunks cost less to hand over; smaller ones spread a small site evenly). The walk
    is read a little ahead, so the last files known go out in smaller chunks again: every worker
    ends within a few pages of the others, not one reading a last 32 while the rest wait."""
    ahead: deque[str] = deque()
    room = LAST_CHUNKS_FILES * workers
    seen = 0
    walked = False
    while True:
        while not walked and len(ahead) < room:
            path = next(files, None)
            if path is None:
                walked = True
            else:
                ahead.append(path)
        if not ahead:
            return
        size = max(4, min(32, (seen + 1) // (workers * 8)))
        if walked:
            size = max(4, min(size, len(ahead) // (workers * 4)))
        batch = [ahead.popleft() for _ in range(min(size, len(ahead)))]
        seen += len(batch)
        yield batch


def _parse_files(files: list[str]) -> list[Page]:
    reading = _READING
    if reading is None:  # only a worker started by _parse_all runs this
        raise RuntimeError("a folder's files are parsed in the workers _parse_all starts")
    return [_parse_file(path, reading) for path in files]


def worker_count(pages: int) -> int:
    """Processes to parse with: one per core (at most MAX_WORKERS) for big sites, where fork is safe."""
    configured = configured_workers()
    wanted = configured or min(cores(), MAX_WORKERS, max(1, pages // (PARALLEL_MIN_PAGES // 2)))
    if pages < PARALLEL_MIN_PAGES and not configured:
        return 1
    # fork is cheap (the parser is already imported) but unsafe once other threads hold locks.
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return max(1, wanted)


def _worker_init(reading: Reading) -> None:
    global _READING
    ignore_signals()
    _READING = reading  # forked: the folder's file list comes as it is in the parent, nothing pickled
    gc.freeze()  # the heap inherited from the parent never needs collecting here


def _parse_file(path: str, reading: Reading) -> Page:
    try:
        body = read_at_most(path, reading.max_body)  # check.max_body per file, as per response: a 200 MB page is cut
    except OSError as exc:
        raise OmnilinksError(f"{path}: cannot read ({exc.strerror})") from None
    folder = reading.folder
    page = parse_page(body, folder.url_for(path), path=folder.display_path(path), region=reading.region)
    # Three stages ask which links leave the site: answered here, in parallel, as Site.outbound would.
    object.__setattr__(page, "outbound", leaving(page.links.urls, own_prefix(folder), folder.is_internal))
    return page


def leaving(urls: tuple[str, ...], own: str, internal: Callable[[str], bool]) -> tuple[int, ...]:
    """The indices of the URLs that leave the site: a URL under the folder's base (`own`) is
    answered by one prefix test, the others by `internal`."""
    return tuple(index for index, url in enumerate(urls) if not url.startswith(own) and not internal(url))


def read_at_most(path: str, limit: int) -> bytes:
    """The file's first `limit` bytes. Read as big as the file is: a buffered read(limit) allocates
    all `limit` bytes first (10 MB by default, 35 µs a file: a third of reading a page)."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(handle).st_size
        want = min(limit, size + 1 if size else 65_536)  # one more byte: the end of the file, or its growth
        parts = []
        while limit > 0:
            asked = min(limit, want)
            part = os.read(handle, asked)
            parts.append(part)
            limit -= len(part)
            if len(part) < asked:  # the end of the file (a regular file reads short only there)
                break
            want = 65_536
        return b"".join(parts)
    finally:
        os.close(handle)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pages are acyclic frozen records; the cyclic collector's passes over the hundreds of thousands
    of them made while reading a big site cost a quarter of the time (most of unpickling)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Frozen first: the young pass that the first allocation after enable() starts would
        # otherwise walk every object read (0.7 s at 20,000 pages), all of them kept for the run.
        # The pipeline unfreezes them when the run ends.
        gc.freeze()
        if enabled:
            gc.enable()
