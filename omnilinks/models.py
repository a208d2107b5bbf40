"""The frozen records the pipeline stages hand each other.

discover (reads and extracts every page) → identity → channels → links and
images → rules → report (see omnilinks.pipeline): each stage reads these and
makes new ones, never mutates them, so stages can run in threads and pages can
come back from worker processes. The JSON report is written from them
(`to_dict`) but never read back into them: a baseline is read as plain JSON
(omnilinks.baseline).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal

# The link records live in omnilinks.linktable; the records' users may keep importing them from here.
from omnilinks.linktable import EMPTY_LINKS, pickled_as_arguments, shared_ids, shared_names, sharing
from omnilinks.linktable import Link as Link
from omnilinks.linktable import LinkColumns as LinkColumns
from omnilinks.linktable import LinkKind as LinkKind
from omnilinks.linktable import LinkTable as LinkTable
from omnilinks.linktable import Location as Location
from omnilinks.linktable import forget_shared_strings as forget_shared_strings

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


@pickled_as_arguments
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
    """One page of the site as extracted: the record workers send back and every later stage reads."""

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
    # The indices of the links that leave the site, when the page was read knowing the site (a
    # folder's pages, worked out in the workers); None: the Site works them out when asked.
    outbound: tuple[int, ...] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.links, LinkTable):
            object.__setattr__(self, "links", LinkTable.of(self.links))

    def __reduce__(self) -> tuple[Any, ...]:
        return _page_from_pickle, _page_fields(self)


def _page_from_pickle(*values: Any) -> Page:
    page = Page(*values)
    if not sharing():
        return page
    # Pages built from one template share their ids ("content", "s1"…), often all of them, and
    # their meta names: each kept once, not per page, as they arrive from a worker process.
    object.__setattr__(page, "ids", shared_ids(page.ids))
    if page.meta:
        object.__setattr__(page, "meta", shared_names(page.meta))
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
    """One thing a rule reports: what is wrong, where, and how to fix it."""

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
            "location": self.location.to_dict(),
            "target": self.target,
            "platform": self.platform,
            "field": self.field,
            "expected": self.expected,
            "actual": self.actual,
            "fix": self.fix,
            "related": [r.to_dict() for r in self.related],
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
    """One run's result, as every report format and face (CLI, plugins, audit) reads it."""

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
