"""Where a finding belongs in the repository, for the CI formats (github, sarif, junit).

A finding on a built page is annotated on the page's file (or on the source
that produced it, see sourcemap.py); a finding about a channel with no page
location is annotated on the line of omnilinks.yml that declares the channel.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from omnilinks.models import Finding, Location, Profile, Report
from omnilinks.normalize.domain import site_host
from omnilinks.report.base import RenderOptions


@dataclass(frozen=True)
class Place:
    """A file position as annotations want it: path relative to the repository root."""

    path: str
    line: int | None = None
    column: int | None = None

    def short(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Located:
    """Where a finding is annotated in the repository, for the CI formats."""

    place: Place | None  # where to annotate; None when no file in the repository fits
    built: Place | None = None  # the built page's position when source mapping moved the annotation
    on_config: bool = False  # placed on omnilinks.yml because the finding has no file of its own


def annotation_root(options: RenderOptions) -> Path:
    """The folder annotation paths are relative to: the repository checkout in CI."""
    root = options.repo_root or os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    return Path(root).resolve()


def relative_path(path: str, root: Path) -> str:
    """`path` (relative to the working directory, or absolute) relative to root, in / form."""
    absolute = Path(path) if os.path.isabs(path) else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root).as_posix()
    except ValueError:
        return absolute.resolve().as_posix()


def same_url(a: str | None, b: str | None) -> bool:
    """Channel URLs compared the way people write them: scheme, www., case of host and trailing / ignored."""
    if not a or not b:
        return False
    return _url_key(a) == _url_key(b)


def url_key(url: str) -> tuple[str, str, str]:
    """What same_url compares: host without www., path without trailing /, query."""
    return _url_key(url)


def _url_key(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url.strip())
    return site_host(parts.hostname or ""), parts.path.rstrip("/"), parts.query


def channel_of(report: Report, finding: Finding) -> Profile | None:
    """The channel a finding is about: same URL, else the only channel on its platform."""
    for channel in report.channels:
        if same_url(channel.url, finding.target):
            return channel
    if finding.platform:
        on_platform = [c for c in report.channels if c.platform == finding.platform]
        if len(on_platform) == 1:
            return on_platform[0]
    return None


def config_place(report: Report, root: Path, line: int | None = None) -> Place | None:
    if not report.config_path:
        return None
    return Place(relative_path(report.config_path, root), line)


def file_place(location: Location, root: Path) -> Place | None:
    if not location.path:
        return None
    return Place(relative_path(location.path, root), location.line, location.column)


def base_place(report: Report, finding: Finding, root: Path) -> Located:
    """Where a finding goes before source mapping: its own file, else the channel's config line."""
    own = file_place(finding.location, root)
    if own is not None:
        return Located(own)
    channel = channel_of(report, finding)
    if channel is not None and channel.config_line:
        return Located(config_place(report, root, channel.config_line), on_config=True)
    return Located(None)


def locator(report: Report, options: RenderOptions) -> Callable[[Finding], Located]:
    """One function per render: base placement, then the source-mapping move when a source is found."""
    from omnilinks.report.sourcemap import SourceMap

    root = annotation_root(options)
    sources = SourceMap.for_report(report, options)

    def locate(finding: Finding) -> Located:
        located = base_place(report, finding, root)
        if sources is None or located.place is None or located.on_config:
            return located
        hit = sources.find(finding)
        if hit is None:
            return located
        return Located(Place(relative_path(str(hit.path), root), hit.line, hit.column), built=located.place)

    return locate


@dataclass(frozen=True)
class Annotation:
    """Findings that land on the same source line with the same message: one annotation, every built page kept."""

    finding: Finding  # the first of them
    place: Place | None
    built: tuple[Place, ...] = ()
    count: int = 1


def group_annotations(findings: list[Finding], locate: Callable[[Finding], Located]) -> list[Annotation]:
    """Group in the given order; a template mistake repeated on every page becomes one annotation."""
    groups: dict[tuple[object, ...], list[tuple[Finding, Located]]] = {}
    for finding in findings:
        located = locate(finding)
        if located.built is None:
            key: tuple[object, ...] = ("single", len(groups))
        else:
            key = (located.place, finding.rule, finding.severity, finding.message, finding.fix, finding.target)
        groups.setdefault(key, []).append((finding, located))
    result = []
    for members in groups.values():
        first, located = members[0]
        built = tuple(dict.fromkeys(m.built for _, m in members if m.built is not None))
        result.append(Annotation(first, located.place, built, len(members)))
    return result


def built_suffix(built: tuple[Place, ...], shown: int = 3) -> str:
    if not built:
        return ""
    listed = ", ".join(place.short() for place in built[:shown])
    more = f" and {len(built) - shown} more" if len(built) > shown else ""
    return f" (built: {listed}{more})"
