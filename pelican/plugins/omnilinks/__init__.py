"""Pelican plugin (Pelican ≥ 4.5 namespace plugin): `PLUGINS = ["omnilinks"]`, or
installed and auto-discovered when PLUGINS is not set.

When Pelican has written the site, the output folder is checked with SITEURL;
every error or warning is logged as a Pelican warning naming the source file
(so `pelican --fatal warnings` fails on it). Reaching OMNILINKS_FAIL_ON raises,
which makes `pelican` exit 1. Settings: OMNILINKS_CONFIG, OMNILINKS_FAIL_ON,
OMNILINKS_OFFLINE (default True), OMNILINKS_ENABLED (default True).
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from omnilinks.errors import OmnilinksError
from omnilinks.models import Finding
from omnilinks.plugins import FAIL_ON_CHOICES, PluginOptions, as_bool, check_build, report_findings
from pelican import signals

log = logging.getLogger(__name__)
# Content lists a generator may hold; which exist depends on the generator and the Pelican version.
CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations", "pages", "hidden_pages",
                 "hidden_translations", "draft_pages", "draft_translations")


class OmnilinksPelicanError(Exception):
    """The built site reached OMNILINKS_FAIL_ON, or the omnilinks settings are wrong."""


class _SourceMap:
    """Built file → source file, gathered once the generators have run (finalized gets only the Pelican object)."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}

    def reset(self, _pelican: Any = None) -> None:
        self.sources = {}

    def collect(self, generators: list[Any]) -> None:
        for generator in generators:
            for name in CONTENT_LISTS:
                for content in getattr(generator, name, None) or ():
                    save_as = getattr(content, "save_as", None)
                    source = getattr(content, "source_path", None)
                    if save_as and source:
                        self.sources[save_as.replace(os.sep, "/")] = _display(source)


SOURCES = _SourceMap()


def register() -> None:
    signals.initialized.connect(SOURCES.reset)
    signals.all_generators_finalized.connect(SOURCES.collect)
    signals.finalized.connect(check_output)


def check_output(pelican: Any) -> None:
    settings = pelican.settings
    try:
        options = _options(settings)
        if not options.enabled:
            return
        project = Path(settings.get("PATH") or os.getcwd()).resolve().parent
        check = check_build(pelican.output_path, settings.get("SITEURL") or None, options, project,
                            SOURCES.sources)
    except OmnilinksError as exc:
        raise OmnilinksPelicanError(f"omnilinks: {exc}") from None
    report_findings(check, _warn, log.info)
    if check.failed():
        raise OmnilinksPelicanError(check.failure_message())


def _warn(finding: Finding, source: str | None, text: str) -> None:
    log.warning("%s", text)


def _options(settings: dict[str, Any]) -> PluginOptions:
    fail_on = settings.get("OMNILINKS_FAIL_ON")
    if fail_on is not None and fail_on not in FAIL_ON_CHOICES:
        raise OmnilinksError(f"OMNILINKS_FAIL_ON: expected one of {', '.join(FAIL_ON_CHOICES)}, got {fail_on!r}")
    config = settings.get("OMNILINKS_CONFIG")
    if config is not None and not isinstance(config, (str, os.PathLike)):
        raise OmnilinksError(f"OMNILINKS_CONFIG: expected a path, got {config!r}")
    return PluginOptions(config=str(config) if config is not None else None, fail_on=fail_on,
                         offline=as_bool(settings.get("OMNILINKS_OFFLINE", True), "OMNILINKS_OFFLINE"),
                         enabled=as_bool(settings.get("OMNILINKS_ENABLED", True), "OMNILINKS_ENABLED"))


def _display(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path
