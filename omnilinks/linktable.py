"""A page's links, the records of one link and of a place in a file, and the tables that let
the pages of a big site share their strings.

A site of 200,000 pages holds millions of links: each page keeps them as columns
(`LinkTable`), and `Link` records are made when a caller asks for one."""
from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, overload


def pickled_as_arguments(cls: type) -> type:
    """Worker processes send hundreds of thousands of these back. A slotted frozen dataclass
    unpickles through a Python loop over fields(); its constructor's arguments pickle 4x and
    unpickle 2x faster."""
    values = attrgetter(*(f.name for f in fields(cls)))
    setattr(cls, "__reduce__", lambda self: (cls, values(self)))  # noqa: B010 - assigning a method is what mypy forbids
    return cls


@pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Location:
    """Where a fact, link or finding is: a place in a file, or a page's URL."""

    path: str | None = None
    line: int | None = None
    column: int | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """dataclasses.asdict(self), written out: a report's every finding has one or more."""
        return {"path": self.path, "line": self.line, "column": self.column, "url": self.url}

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


# Sharing costs the main process ~40 µs a page as the workers' pages arrive, while they still parse;
# on a site of a few thousand pages it would save a few MB. The pages that arrive first keep their
# strings as they come (a link the worker resolved from its cache arrives once a chunk: pickle's memo).
SHARE_AFTER_PAGES = 2_500
_ARRIVED = [0]  # pages arrived from worker processes since the tables were last forgotten


def sharing() -> bool:
    """Whether pages arriving now have their strings shared (the site has proved big)."""
    return _ARRIVED[0] > SHARE_AFTER_PAGES


def _share(text: str) -> str:
    return _STRINGS.setdefault(text, text)


def _shared(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(_STRINGS.setdefault, texts, texts))


def forget_shared_strings() -> None:
    """Drop the tables that made the pages read so far share their strings (the strings stay)."""
    _STRINGS.clear()
    _ID_SETS.clear()
    _ARRIVED[0] = 0


class LinkKind(NamedTuple):
    """What a link is, apart from where it points: few distinct ones on a site, each kept once."""

    tag: str
    attr: str
    in_nav: bool
    rel: tuple[str, ...]


_KINDS: dict[tuple[str, str, bool, tuple[str, ...]], LinkKind] = {}


def _kind(kind: tuple[str, str, bool, tuple[str, ...]]) -> LinkKind:
    """The one LinkKind equal to the plain tuple (a NamedTuple hashes and compares as its fields)."""
    known = _KINDS.get(kind)
    if known is None:
        known = LinkKind(*kind)
        _KINDS[known] = known
    return known


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

    def written_indices(self) -> Collection[int]:
        """The links whose source is kept as written (it is not the end of its URL)."""
        return self._written or {}

    def of_kinds(self, wanted: Callable[[LinkKind], bool]) -> list[int]:
        """The indices of the links whose kind `wanted` takes (each kind asked once)."""
        numbers = {number for number, kind in enumerate(self._kinds) if wanted(kind)}
        return [index for index, number in enumerate(self._kind_of) if number in numbers] if numbers else []

    def kind(self, index: int) -> LinkKind:
        return self._kinds[self._kind_of[index]]

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

    def shared(self, strings: bool = True) -> LinkTable:
        """The same table with each kind the site's one LinkKind object and, with `strings`, one
        string per distinct URL and text among the pages being read (see `forget_shared_strings`),
        not one per link: pages link the same few targets from everywhere (13,000 distinct URLs
        among 66,000 links on the 2,000-page benchmark)."""
        urls, texts = (_shared(self.urls), _shared(self.texts)) if strings else (self.urls, self.texts)
        return LinkTable(urls, texts, tuple(map(_kind, self._kinds)), self._kind_of, self._numbers, self._origin,
                         self._locations, self._written)

    def _state(self) -> tuple[Any, ...]:
        return (self.urls, self.texts, self._kinds, self._kind_of, self._numbers, self._origin, self._locations,
                self._written)

    def __reduce__(self) -> tuple[Any, ...]:
        return _table_from_pickle, self._state()


def _table_from_pickle(*state: Any) -> LinkTable:
    _ARRIVED[0] += 1
    return LinkTable(*state).shared(strings=sharing())


class LinkColumns:
    """A LinkTable being filled, one link at a time: each link a row, turned into columns at the end
    (one pass over the rows costs less than keeping every column up to date link by link)."""

    __slots__ = ("rows",)

    def __init__(self) -> None:
        # (url, source, (tag, attr, in_nav, rel), text, line, column): a plain tuple, NamedTuple() costs
        self.rows: list[tuple[str, str, tuple[str, str, bool, tuple[str, ...]], str, int | None, int | None]] = []

    def add(self, url: str, raw: str, tag: str, attr: str, in_nav: bool, rel: tuple[str, ...], text: str,
            line: int | None, column: int | None) -> None:
        self.rows.append((url, raw, (tag, attr, in_nav, rel), text, line, column))

    def table(self, path: str | None, url: str | None, locations: tuple[Location, ...] | None = None) -> LinkTable:
        rows = self.rows
        numbers: list[int] = []
        add = numbers.extend
        written: dict[int, str] = {}
        for index, (link_url, raw, _, _, line, column) in enumerate(rows):
            rest, steps = raw, 0
            while rest[:3] == "../":
                rest, steps = rest[3:], steps + 1
            if link_url.endswith(rest):
                start = len(link_url) - len(rest) + 1
            else:
                start, steps = 0, 0
                written[index] = raw
            add((0 if line is None else line + 1, 0 if column is None else column + 1, start, steps))
        kinds: dict[tuple[str, str, bool, tuple[str, ...]], int] = {}
        kind_of = [kinds.setdefault(kind, len(kinds)) for kind in map(_KIND_OF_ROW, rows)]
        return LinkTable(tuple(map(_URL_OF_ROW, rows)), tuple(map(_TEXT_OF_ROW, rows)),
                         tuple(map(_kind, kinds)), array("B" if len(kinds) <= 256 else "H", kind_of),
                         _compact(numbers), (path, url), locations, written or None)


_URL_OF_ROW, _KIND_OF_ROW, _TEXT_OF_ROW = itemgetter(0), itemgetter(2), itemgetter(3)


def _compact(numbers: list[int]) -> array[int]:
    """Two bytes a number where they fit (every page but a few minified ones)."""
    try:
        return array("H", numbers)  # (numbers are never negative)
    except OverflowError:
        return array("q", numbers)


EMPTY_LINKS = LinkColumns().table(None, None)


def shared_ids(ids: frozenset[str]) -> frozenset[str]:
    """The page's ids as a set kept once for every page with the same ids, each id kept once."""
    kept = frozenset(_shared(tuple(ids)))
    return _ID_SETS.setdefault(kept, kept)


def shared_names(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """(name, value) pairs with each name kept once ("description", "og:title"… on every page)."""
    return tuple((_share(name), value) for name, value in pairs)

