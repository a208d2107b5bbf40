"""Source mapping: move a finding from a built page to the source file that produced it.

`public/about/index.html` is generated; the fix belongs in `content/about.md` or
`layouts/partials/footer.html`. When the built folder lives in a repository (a
`.git` above it, or RenderOptions.repo_root), the offending URL, phone or text
(finding.target, finding.actual) is looked up in the generator's sources and the
annotation points there, keeping the built position as a secondary location.

Bounded: the sources are read once per report (files up to MAX_FILE_BYTES, at
most MAX_FILES files and MAX_TOTAL_BYTES in all), joined into one string so each
needle is one fast `str.find` scan, each needle is looked up once, and the
scanning stops after SCAN_BUDGET characters in all (the remaining findings keep
their built location).
"""
from __future__ import annotations

import bisect
import os
import subprocess
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from omnilinks.models import Finding, Report
from omnilinks.report.base import RenderOptions

SOURCE_SUFFIXES = (".html", ".htm", ".njk", ".liquid", ".hbs", ".astro", ".vue", ".jsx", ".tsx",
                   ".md", ".mdx", ".markdown", ".toml", ".yaml", ".yml", ".json")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages", "venv"}
SKIPPED_FILES = {"package-lock.json", "npm-shrinkwrap.json", "composer.lock", "yarn.lock", "pnpm-lock.yaml"}
MAX_FILE_BYTES = 512 * 1024
MAX_FILES = 20_000
MAX_TOTAL_BYTES = 48 * 1024 * 1024
MIN_NEEDLE = 5  # shorter strings match everywhere and prove nothing
MAX_HITS = 50
SCAN_BUDGET = 12_000_000_000  # characters scanned per report (~4 s); later lookups keep the built location
SEPARATOR = "\x00"


@dataclass(frozen=True)
class SourceHit:
    """Where a finding's URL or value was found among the generator's sources."""

    path: Path
    line: int
    column: int


def git_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


@dataclass
class SourceMap:
    """The sources of one built folder, read once, that the findings on its pages are looked up in."""

    root: Path
    built: Path
    _text: str | None = None
    _starts: list[int] = field(default_factory=list)
    _paths: list[Path] = field(default_factory=list)
    _memo: dict[tuple[str, str], SourceHit | None] = field(default_factory=dict)
    budget: int = SCAN_BUDGET

    @classmethod
    def for_report(cls, report: Report, options: RenderOptions) -> SourceMap | None:
        """A map when the report is of a built folder inside a repository, else None."""
        if not report.root:
            return None
        built = Path(report.root).resolve()
        if options.repo_root:
            root: Path | None = Path(options.repo_root).resolve()
        else:
            root = git_root(built)
            if root is not None and _tracked(root, built):
                return None  # a committed folder of HTML is its own source: nothing to map it to
        if root is None or not root.is_dir():
            return None
        # One index per report and root, shared by the formats of one run (github + sarif…).
        maps = _by_report.setdefault(report, {})
        if root not in maps:
            maps[root] = cls(root=root, built=built)
        return maps[root]

    def find(self, finding: Finding) -> SourceHit | None:
        """The source line holding the finding's URL or value, when the finding is on a built page."""
        built_file = self._built_file(finding.location.path)
        if built_file is None:
            return None
        hint = built_file.relative_to(self.built).as_posix()
        for needle in needles(finding):
            key = (needle, hint)
            if key not in self._memo:
                self._memo[key] = self._lookup(needle, hint)
            if self._memo[key] is not None:
                return self._memo[key]
        return None

    def _built_file(self, path: str | None) -> Path | None:
        if not path:
            return None
        absolute = (Path(path) if os.path.isabs(path) else Path.cwd() / path).resolve()
        return absolute if absolute.is_relative_to(self.built) else None

    def _lookup(self, needle: str, built_hint: str) -> SourceHit | None:
        text = self._index()
        offsets: list[int] = []
        start = 0
        while len(offsets) < MAX_HITS and self.budget > 0:
            position = text.find(needle, start)
            self.budget -= (len(text) if position < 0 else position) - start
            if position < 0:
                break
            offsets.append(position)
            start = position + 1
        if not offsets:
            return None
        best = min(offsets, key=lambda offset: self._rank(offset, built_hint))
        number = bisect.bisect_right(self._starts, best) - 1
        start = self._starts[number]
        line = text.count("\n", start, best) + 1
        line_start = text.rfind("\n", start, best) + 1 if line > 1 else start
        return SourceHit(self._paths[number], line, best - line_start + 1)

    def _rank(self, offset: int, built_hint: str) -> tuple[int, int, int, str]:
        path = self._paths[bisect.bisect_right(self._starts, offset) - 1]
        relative = path.relative_to(self.root)
        # Content named like the built page first (about/index.html ← content/about.md), then
        # templates and content before generator config, then the shallowest path.
        page_words = {p for p in Path(built_hint).with_suffix("").parts if p not in ("index", "")}
        named_like_page = bool(page_words & ({relative.stem} | set(relative.parent.parts)))
        is_config = relative.suffix.lower() in CONFIG_SUFFIXES
        return (0 if named_like_page else 1, 1 if is_config else 0, len(relative.parts), relative.as_posix())

    def _index(self) -> str:
        if self._text is not None:
            return self._text
        chunks: list[str] = []
        total = 0
        for path in self._source_files():
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    continue
                content = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if total + len(content) > MAX_TOTAL_BYTES or len(self._paths) >= MAX_FILES:
                break
            self._starts.append(total)
            self._paths.append(path)
            chunks.append(content.replace(SEPARATOR, " ") + SEPARATOR)
            total += len(content) + 1
        self._text = "".join(chunks)
        return self._text

    def _source_files(self) -> list[Path]:
        listed = _git_files(self.root)
        if listed is not None:  # what git counts as the repository: no build output, no ignored files
            return [path for path in listed if path.name.lower().endswith(SOURCE_SUFFIXES)
                    and path.name not in SKIPPED_FILES and ".min." not in path.name
                    and not path.resolve().is_relative_to(self.built)][:MAX_FILES]
        found: list[Path] = []
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                             and (here / d).resolve() != self.built)
            for name in sorted(files):
                if name.lower().endswith(SOURCE_SUFFIXES) and name not in SKIPPED_FILES and ".min." not in name:
                    found.append(here / name)
            if len(found) >= MAX_FILES:
                break
        return found


def _git(root: Path, *args: str) -> list[str] | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return [p for p in done.stdout.decode("utf-8", "replace").split("\0") if p]


def _tracked(root: Path, built: Path) -> bool:
    """Whether the checked folder's files are committed (hand-written HTML), not generated."""
    if not built.is_relative_to(root):
        return False
    return bool(_git(root, "ls-files", "-z", "--cached", "--", built.relative_to(root).as_posix() or "."))


def _git_files(root: Path) -> list[Path] | None:
    """Tracked and untracked-but-not-ignored files, or None where git cannot say."""
    names = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if names is None:
        return None
    return [root / name for name in sorted(set(names)) if not any(part in SKIPPED_DIRS for part in Path(name).parts)]


_by_report: weakref.WeakKeyDictionary[Report, dict[Path, SourceMap]] = weakref.WeakKeyDictionary()


def needles(finding: Finding) -> list[str]:
    """What to look for, most specific first: the URL as written, then its path, then the value."""
    found: list[str] = []
    for value in (finding.target, finding.actual):
        if not value:
            continue
        value = value.strip()
        found.append(value)
        if "&" in value:
            found.append(value.replace("&", "&amp;"))  # URLs in templates carry escaped ampersands
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc:
            without_scheme = value.split("://", 1)[1]
            found.append(without_scheme)
            local = value.split(parts.netloc, 1)[1]
            if len(parts.path.strip("/")) >= MIN_NEEDLE - 1:
                found.append(local)
                if parts.fragment:
                    found.append(local.split("#", 1)[0])
        elif parts.scheme in ("tel", "mailto") and ":" in value:
            found.append(value.split(":", 1)[1])
    unique: list[str] = []
    for needle in found:
        if len(needle) >= MIN_NEEDLE and needle not in unique and SEPARATOR not in needle:
            unique.append(needle)
    return unique
