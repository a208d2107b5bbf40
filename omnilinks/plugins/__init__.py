"""What the static-site generator plugins (MkDocs, Pelican, Sphinx) share.

Each generator hands over its output folder, its public URL and its project
folder; this module checks the folder through the one pipeline and turns the
findings into log lines that name the source page. A plugin runs offline
unless asked otherwise: a docs build must not hit the network by surprise.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from omnilinks.config import find_config
from omnilinks.errors import OmnilinksError
from omnilinks.models import Finding, Report
from omnilinks.pipeline import RunOptions, run
from omnilinks.progress import Progress
from omnilinks.report.safe import clean_text
from omnilinks.vocabulary import FAIL_ON_CHOICES, FailOn, Severity

# Notices (a bot wall, a link not checked in time) are not problems the author can fix in the build.
WARN_SEVERITIES: frozenset[Severity] = frozenset({"error", "warning"})


@dataclass(frozen=True)
class PluginOptions:
    """The omnilinks settings a site generator's own config gives its plugin."""

    config: str | None = None  # omnilinks.yml, relative to the project folder
    fail_on: FailOn | None = None  # None: the config's check.fail_on (error by default), as on the CLI
    offline: bool = True
    enabled: bool = True

    def __post_init__(self) -> None:
        if self.fail_on is not None and self.fail_on not in FAIL_ON_CHOICES:
            raise OmnilinksError(f"omnilinks fail_on: expected one of {', '.join(FAIL_ON_CHOICES)}, "
                                 f"got {self.fail_on!r}")


@dataclass(frozen=True)
class BuildCheck:
    """A checked build: the report and the pages' sources for naming them."""

    report: Report
    fail_on: FailOn
    site_dir: Path
    sources: Mapping[str, str]  # output path relative to site_dir (posix) → source file as the author knows it

    def source_of(self, finding: Finding) -> str | None:
        built = built_path(finding.location.path, self.site_dir)
        if built is None:
            return None
        for candidate in (built, built.removesuffix("index.html"), built.removesuffix(".html")):
            if candidate in self.sources:
                return self.sources[candidate]
        return None

    def warnings(self) -> list[Finding]:
        return [f for f in self.report.findings if f.severity in WARN_SEVERITIES]

    def notices(self) -> list[Finding]:
        return [f for f in self.report.findings if f.severity not in WARN_SEVERITIES]

    def failed(self) -> bool:
        return self.report.fails(self.fail_on)

    def failure_message(self) -> str:
        counts = self.report.counts()
        return (f"omnilinks: {counts['error']} errors, {counts['warning']} warnings in the built site "
                f"(fail_on: {self.fail_on})")


def built_path(path: str | None, site_dir: Path) -> str | None:
    """A finding's file as a path inside the output folder, or None when it is elsewhere."""
    if not path:
        return None
    try:
        return Path(path).resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return None


def resolve_config(option: str | None, project_dir: Path) -> str | None:
    """The config option relative to the project folder, else omnilinks.yml found there or in the cwd."""
    if option:
        path = Path(option)
        if not path.is_absolute():
            path = project_dir / path
        if not path.is_file():
            raise OmnilinksError(f"omnilinks config {option}: file not found (looked in {project_dir})")
        return str(path)
    found = find_config(str(project_dir))
    return str(found) if found is not None else None


def check_build(site_dir: str | os.PathLike[str], site_url: str | None, options: PluginOptions,
                project_dir: str | os.PathLike[str], sources: Mapping[str, str] | None = None,
                assume_extension: str | None = None) -> BuildCheck:
    """Check a generator's output folder; raises OmnilinksError on bad config or an empty site."""
    config_path = resolve_config(options.config, Path(project_dir))
    opts = RunOptions(config_path=config_path, base_url=site_url or None, assume_extension=assume_extension,
                      offline=options.offline, progress=Progress(enabled=False))
    report = run(str(site_dir), opts)
    return BuildCheck(report, options.fail_on or report.fail_on, Path(site_dir), dict(sources or {}))


def describe(finding: Finding, source: str | None) -> str:
    """One log line: where (source page first), what, which rule, and the fix."""
    built = finding.location.short()
    where = f"{source} (built {built})" if source and built else (source or built or finding.platform or "site")
    text = f"{where}: {finding.message} [{finding.rule}]"
    if finding.fix:
        text += f" Fix: {finding.fix}"
    return clean_text(text)


def report_findings(check: BuildCheck, warn: Callable[[Finding, str | None, str], None],
                    info: Callable[[str], None], prefix: str = "omnilinks: ") -> None:
    """Log errors and warnings as generator warnings (so strict builds fail) and notices as info.

    `prefix` is empty where the generator's logger already names the plugin (MkDocs)."""
    for finding in check.warnings():
        source = check.source_of(finding)
        warn(finding, source, prefix + describe(finding, source))
    for finding in check.notices():
        info(prefix + describe(finding, check.source_of(finding)))
    counts = check.report.counts()
    info(f"{prefix}{check.report.pages} pages, {check.report.links} links checked: {counts['error']} errors, "
         f"{counts['warning']} warnings, {counts['notice']} notices")


def as_bool(value: object, name: str) -> bool:
    """Settings files (Pelican, Sphinx) may give strings; accept the usual spellings, refuse the rest."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("0", "false", "no", "off"):
        return False
    if isinstance(value, int):
        return bool(value)
    raise OmnilinksError(f"{name}: expected true or false, got {value!r}")
