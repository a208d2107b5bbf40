"""The frozen records the pipeline stages hand each other.

discover (reads and extracts every page) → identity → channels → links and
images → rules → report (see omnilinks.pipeline): each stage reads these and
makes new ones, never mutates them, so stages can run in threads and pages can
come back from worker processes. The JSON report is written from them
(`to_dict`) but never read back into them: a baseline is read as plain JSON
(omnilinks.baseline).
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, NamedTuple, overload

# The vocabularies live in omnilinks.vocabulary; the records' users may keep importing them from here.
from omnilinks.vocabulary import CATEGORIES as CATEGORIES
from omnilinks.vocabulary import DEFAULT_FAIL_ON as DEFAULT_FAIL_ON
from omnilinks.vocabulary import DEFAULT_REGION as DEFAULT_REGION
from omnilinks.vocabulary import SEVERITIES as SEVERITIES
from omnilinks.vocabulary import SEVERITY_ORDER as SEVERITY_ORDER
from omnilinks.vocabulary import Category as Category
from omnilinks.vocabulary import FailOn as FailOn
from omnilinks.vocabulary import MatchMode as MatchMode
from omnilinks.vocabulary import Severity as Severity

ChannelStatus = Literal["verified", "mismatch", "unverifiable", "unreachable", "not_applicable"]


def _pickled_as_arguments(cls: type) -> type:
    """Worker processes send hundreds of thousands of these back. A slotted frozen dataclass
    unpickles through a Python loop over fields(); its constructor's arguments pickle 4x and
    unpickle 2x faster."""
    values = attrgetter(*(f.name for f in fields(cls)))
    setattr(cls, "__reduce__", lambda self: (cls, values(self)))  # noqa: B010 - assigning a method is what mypy forbids
    return cls


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Location:
    path: str | None = None
    line: int | None = None
    column: int | None = None
    url: str | None = None

    def short(self) -> str:
        where = self.path or self.url or ""
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where


@dataclass(frozen=True, slots=True)
class Link:
    """One reference from a page: an <a href>, an <img src>, a stylesheet…"""

    url: str  # absolute, fragment kept
    raw: str  # as written in the page
    tag: str  # a, img, script, link, iframe, source, area, video, use, meta, form, style… (css: a stylesheet file)
    location: Location
    rel: tuple[str, ...] = ()
    text: str = ""
    in_nav: bool = False  # inside <header>, <footer> or <nav>: a site-wide link
    attr: str = ""  # where the URL was written: href, src, srcset, poster, url() (CSS), @import…


def _link_from_pickle(url: str, raw: str, tag: str, location: Location, rel: tuple[str, ...], text: str,
                      in_nav: bool, attr: str) -> Link:
    # Pages link the same few targets from everywhere (13,000 distinct URLs among 66,000 links on
    # the 2,000-page benchmark): one string per distinct value, not one per link, once they arrive
    # from a worker process.
    return Link(_share(url), _share(raw), tag, location, rel, _share(text), in_nav, attr)


_link_fields = attrgetter(*(f.name for f in fields(Link)))
setattr(Link, "__reduce__", lambda self: (_link_from_pickle, _link_fields(self)))  # noqa: B010 - as above


# One string (and one set of ids) per distinct value among the pages being read. Not sys.intern:
# its table lives as long as the strings, and at 200,000 pages it holds millions of entries
# (~150 MB) the rules never need; these are dropped once the site is read.
_STRINGS: dict[str, str] = {}
_ID_SETS: dict[frozenset[str], frozenset[str]] = {}


def _share(text: str) -> str:
    return _STRINGS.setdefault(text, text)


def _shared(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(_STRINGS.setdefault, texts, texts))


def forget_shared_strings() -> None:
    """Drop the tables that made the pages read so far share their strings (the strings stay)."""
    _STRINGS.clear()
    _ID_SETS.clear()


class LinkKind(NamedTuple):
    """What a link is, apart from where it points: few distinct ones on a site, each kept once."""

    tag: str
    attr: str
    in_nav: bool
    rel: tuple[str, ...]


_KINDS: dict[LinkKind, LinkKind] = {}


def _kind(tag: str, attr: str, in_nav: bool, rel: tuple[str, ...]) -> LinkKind:
    kind = LinkKind(tag, attr, in_nav, rel)
    return _KINDS.setdefault(kind, kind)


class LinkTable(Sequence[Link]):
    """A page's links as columns: ~25 bytes a link where `Link` records cost ~220, and a tenth of
    the time to send from a worker process. A 200,000-page site holds millions of links, and
    most of every pass over them reads the URL and the kind only: those are columns
    (`urls`, `kinds()`); a `Link` is built when one is asked for (`table[i]`, iteration).

    A link's source as written is nearly always the end of its URL, after some "../" steps
    ("../blog/x.html" of https://shop.example/blog/x.html, "/menu/", "#top", the whole URL):
    that is kept as two numbers, and only the other sources as strings."""

    __slots__ = ("urls", "texts", "_kinds", "_kind_of", "_numbers", "_origin", "_locations", "_written")

    def __init__(self, urls: tuple[str, ...], texts: tuple[str, ...], kinds: tuple[LinkKind, ...],
                 kind_of: array[int], numbers: array[int], origin: tuple[str | None, str | None],
                 locations: tuple[Location, ...] | None = None, written: dict[int, str] | None = None):
        self.urls = urls
        self.texts = texts
        self._kinds = kinds
        self._kind_of = kind_of  # index into kinds, per link
        # Per link: line and column + 1 (0: not known); where the source starts in the URL + 1
        # (0: the source is in `written`) and the "../" steps before it.
        self._numbers = numbers
        self._origin = origin  # (path, url) of every link's Location
        self._locations = locations  # only when the links' locations differ in more than line and column
        self._written = written  # link index → source, for the sources that are not the end of the URL

    @classmethod
    def of(cls, links: Iterable[Link]) -> LinkTable:
        if isinstance(links, LinkTable):
            return links
        links = tuple(links)
        columns = LinkColumns()
        for link in links:
            columns.add(link.url, link.raw, link.tag, link.attr, link.in_nav, link.rel, link.text,
                        link.location.line, link.location.column)
        origins = {(link.location.path, link.location.url) for link in links}
        if len(origins) <= 1:
            return columns.table(*(origins.pop() if origins else (None, None)))
        return columns.table(None, None, tuple(link.location for link in links))

    @property
    def raws(self) -> tuple[str, ...]:
        """Each link's source as written in the page (built at each call: read it once a page)."""
        return tuple(map(self.raw, range(len(self.urls))))

    def raw(self, index: int) -> str:
        numbers = self._numbers
        start = numbers[4 * index + 2]
        if not start:
            return self._written[index]  # type: ignore[index]  # a 0 start is always written down
        return "../" * numbers[4 * index + 3] + self.urls[index][start - 1:]

    def kinds(self) -> list[LinkKind]:
        """Each link's kind, in order."""
        return list(map(self._kinds.__getitem__, self._kind_of))

    def targets(self) -> Iterator[tuple[str, LinkKind]]:
        """Each link's URL and kind, in order: what most passes over a site's links read."""
        return zip(self.urls, self.kinds(), strict=True)

    def line(self, index: int) -> int | None:
        if self._locations is not None:
            return self._locations[index].line
        line = self._numbers[4 * index]
        return line - 1 if line else None

    def location(self, index: int) -> Location:
        if self._locations is not None:
            return self._locations[index]
        line, column = self._numbers[4 * index], self._numbers[4 * index + 1]
        return Location(self._origin[0], line - 1 if line else None, column - 1 if column else None,
                        self._origin[1])

    def __len__(self) -> int:
        return len(self.urls)

    @overload
    def __getitem__(self, index: int) -> Link: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Link, ...]: ...

    def __getitem__(self, index: int | slice) -> Link | tuple[Link, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        kind = self._kinds[self._kind_of[index]]
        return Link(self.urls[index], self.raw(index), kind.tag, self.location(index), kind.rel, self.texts[index],
                    kind.in_nav, kind.attr)

    def __iter__(self) -> Iterator[Link]:
        return (self[i] for i in range(len(self.urls)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LinkTable):
            return self._state() == other._state() or tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.urls)

    def __repr__(self) -> str:
        return f"LinkTable({list(self)!r})"

    def shared(self) -> LinkTable:
        """The same table holding one string per distinct URL and text among the pages being
        read (see `forget_shared_strings`), not one per link: pages link the same few targets from
        everywhere (13,000 distinct URLs among 66,000 links on the 2,000-page benchmark)."""
        return LinkTable(_shared(self.urls), _shared(self.texts), tuple(_kind(*kind) for kind in self._kinds),
                         self._kind_of, self._numbers, self._origin, self._locations, self._written)

    def _state(self) -> tuple[Any, ...]:
        return (self.urls, self.texts, self._kinds, self._kind_of, self._numbers, self._origin, self._locations,
                self._written)

    def __reduce__(self) -> tuple[Any, ...]:
        return _table_from_pickle, self._state()


def _table_from_pickle(*state: Any) -> LinkTable:
    return LinkTable(*state).shared()


class LinkColumns:
    """A LinkTable being filled, one link at a time."""

    __slots__ = ("urls", "texts", "kinds", "kind_of", "numbers", "written")

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.texts: list[str] = []
        self.kinds: dict[tuple[str, str, bool, tuple[str, ...]], int] = {}  # a plain tuple: NamedTuple() costs
        self.kind_of = array("B")  # widened when a page has more than 256 kinds of link
        self.numbers = array("q")
        self.written: dict[int, str] = {}

    def add(self, url: str, raw: str, tag: str, attr: str, in_nav: bool, rel: tuple[str, ...], text: str,
            line: int | None, column: int | None) -> None:
        kinds = self.kinds
        kind = (tag, attr, in_nav, rel)
        index = kinds.get(kind)
        if index is None:
            index = kinds[kind] = len(kinds)
            if index == 256:
                self.kind_of = array("H", self.kind_of)
        self.kind_of.append(index)
        rest, steps = raw, 0
        while rest.startswith("../"):
            rest, steps = rest[3:], steps + 1
        start = len(url) - len(rest) + 1 if url.endswith(rest) else 0
        if not start:
            self.written[len(self.urls)] = raw
        self.numbers.extend((0 if line is None else line + 1, 0 if column is None else column + 1, start,
                             steps if start else 0))
        self.urls.append(url)
        self.texts.append(text)

    def table(self, path: str | None, url: str | None, locations: tuple[Location, ...] | None = None) -> LinkTable:
        return LinkTable(tuple(self.urls), tuple(self.texts), tuple(_kind(*kind) for kind in self.kinds),
                         self.kind_of, _compact(self.numbers), (path, url), locations, self.written or None)


def _compact(numbers: array[int]) -> array[int]:
    """Two bytes a number where they fit (every page but a few minified ones)."""
    return array("H", numbers) if not numbers or 0 <= min(numbers) and max(numbers) <= 0xFFFF else numbers


EMPTY_LINKS = LinkColumns().table(None, None)


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Fact:
    """One value a page (or channel) states about the business, and where."""

    field: str  # name | phone | whatsapp | email | address | hours | logo | website | profile (sameAs) | handle | image | icon
    value: Any
    # jsonld | microdata | rdfa | hcard | meta | title | tel | mailto | wa | text | address | og:image | og:site_name
    # | twitter:site | rel=me | link[rel=icon] | config
    source: str
    location: Location


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    location: Location  # path of the file (folder mode) or the URL (live mode)
    status: int = 200
    title: str = ""
    ids: frozenset[str] = frozenset()
    links: LinkTable = EMPTY_LINKS  # any sequence of Links given is kept as a LinkTable
    facts: tuple[Fact, ...] = ()
    jsonld: tuple[dict[str, Any], ...] = ()  # flattened entities, each with "__line__"
    jsonld_errors: tuple[tuple[int, str], ...] = ()  # (line, message)
    meta: tuple[tuple[str, str], ...] = ()  # (property/name, content)
    is_html: bool = True
    malformed: tuple[Link, ...] = ()  # links no URL parser can split; only the link rules see them

    def __post_init__(self) -> None:
        if not isinstance(self.links, LinkTable):
            object.__setattr__(self, "links", LinkTable.of(self.links))

    def __reduce__(self) -> tuple[Any, ...]:
        return _page_from_pickle, _page_fields(self)


def _page_from_pickle(*values: Any) -> Page:
    page = Page(*values)
    # Pages built from one template share their ids ("content", "s1"…), often all of them: each
    # id and each set kept once, not per page, as they arrive from a worker process.
    ids = frozenset(_shared(tuple(page.ids)))
    object.__setattr__(page, "ids", _ID_SETS.setdefault(ids, ids))
    if page.meta:  # the same names ("description", "og:title"…) on every page
        object.__setattr__(page, "meta", tuple((_share(name), content) for name, content in page.meta))
    return page


_page_fields = attrgetter(*(f.name for f in fields(Page)))


@dataclass(frozen=True)
class Identity:
    """The brand facts every source is compared with."""

    name: str | None = None
    aliases: tuple[str, ...] = ()
    country: str = DEFAULT_REGION
    phone: str | None = None  # E.164
    whatsapp: str | None = None  # E.164
    email: str | None = None
    address: str | None = None
    hours: str | None = None  # canonical weekly form
    logo: str | None = None
    website: str | None = None
    handle: str | None = None
    inferred: tuple[str, ...] = ()  # fields that came from the pages, not the config

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"aliases": list(self.aliases), "inferred": list(self.inferred)}


@dataclass(frozen=True)
class Profile:
    """A channel as read from its platform (or as far as it could be read)."""

    platform: str
    url: str
    handle: str | None = None
    status: ChannelStatus = "unverifiable"
    reason: str | None = None
    links_back: bool | None = None
    name: str | None = None
    links: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    hours: str | None = None
    website: str | None = None
    evidence: str | None = None  # "fetched", "har", "facts (checked 2026-01-01)", "places_api"
    declared: bool = True
    config_line: int | None = None
    fix: str | None = None
    avatar: str | None = None  # the profile picture's URL, compared with the site's logo

    def to_dict(self) -> dict[str, Any]:
        """The channel as the JSON report shows it. The facts read from it (links, phone, address…)
        are not repeated here: where they disagree with the site, a finding says so."""
        return {
            "platform": self.platform,
            "url": self.url,
            "handle": self.handle,
            "status": self.status,
            "reason": self.reason,
            "links_back": self.links_back,
            "name": self.name,
            "evidence": self.evidence,
            "declared": self.declared,
            "avatar": self.avatar,
        }


@dataclass(frozen=True)
class ImageInfo:
    """What one image (a preview image, the logo, an avatar) turned out to be, or why it could not be read."""

    url: str
    width: int | None = None
    height: int | None = None
    format: str | None = None  # PNG, JPEG, WEBP… as Pillow names it; SVG when served as SVG
    error: str | None = None  # it was looked for and is broken: missing file, HTTP 404, not an image, too large
    skipped: str | None = None  # not read on purpose (offline), so nothing is known
    fingerprint: str | None = None  # hex of the central disc's grey pixels (omnilinks.images.likeness)
    colour: tuple[int, int, int] | None = None  # mean colour of the central disc
    thumbnail: str | None = None  # a small PNG as a data: URI, for the HTML report

    @property
    def readable(self) -> bool:
        return self.error is None and self.skipped is None and self.width is not None


@dataclass(frozen=True)
class Finding:
    rule: str
    category: Category
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    target: str | None = None
    platform: str | None = None
    field: str | None = None
    expected: str | None = None
    actual: str | None = None
    fix: str | None = None
    related: tuple[Location, ...] = ()  # every other source that disagrees
    change: Literal["new", "unchanged"] | None = None  # set only when the run is compared with a baseline
    fingerprint: str | None = None  # likewise: what the baseline comparison recognised it by

    def sort_key(self) -> tuple[int, str, int, str, str]:
        loc = self.location
        return (SEVERITY_ORDER[self.severity], loc.path or loc.url or "", loc.line or 0, self.rule, self.target or "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "location": asdict(self.location),
            "target": self.target,
            "platform": self.platform,
            "field": self.field,
            "expected": self.expected,
            "actual": self.actual,
            "fix": self.fix,
            "related": [asdict(r) for r in self.related],
        } | ({"change": self.change, "fingerprint": self.fingerprint} if self.change else {})


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity (the fixed findings are dicts), so a Report stays hashable
class BaselineDiff:
    """This run against an earlier JSON report: how many findings are new or unchanged, and
    the earlier findings no longer seen (as they were written there)."""

    path: str
    new: int
    unchanged: int
    fixed: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "new": self.new, "unchanged": self.unchanged, "fixed": list(self.fixed)}


@dataclass(frozen=True)
class Report:
    target: str
    findings: tuple[Finding, ...]
    channels: tuple[Profile, ...]
    identity: Identity
    pages: int
    links: int
    version: str
    complete: bool = True
    config_path: str | None = None
    root: str | None = None  # folder checked, for paths relative to the repository
    notes: tuple[str, ...] = ()  # what the user should know about the run itself (cache rebuilt, crawl cut short)
    baseline: BaselineDiff | None = None
    thumbnails: tuple[tuple[str, str], ...] = ()  # (image URL, data: URI) of images findings compare; not in JSON
    site_url: str | None = None  # the public URL of the site checked (site.url, --base-url, the live URL)
    started_at: str | None = None  # ISO 8601 UTC, when the run began
    duration: float | None = None  # seconds the run took
    # The settings the run went by, after the command line overrode the config: the faces (CLI,
    # plugins, audit) read them here instead of loading omnilinks.yml again. Not in the JSON.
    fail_on: FailOn = DEFAULT_FAIL_ON  # check.fail_on; a face given its own (--fail-on) passes that to fails()
    offline: bool = False  # run offline (--offline, RunOptions.offline): nothing was read over the network

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def fails(self, fail_on: FailOn | None = None, only_new: bool = False) -> bool:
        """A finding reaches `fail_on` (by default the run's check.fail_on); with `only_new`, a
        finding the baseline did not have (without a baseline every finding is new)."""
        fail_on = fail_on or self.fail_on
        if fail_on == "never":
            return False
        limit = SEVERITY_ORDER[fail_on]
        return any(SEVERITY_ORDER[f.severity] <= limit and not (only_new and f.change == "unchanged")
                   for f in self.findings)
