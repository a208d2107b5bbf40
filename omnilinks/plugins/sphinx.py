"""Sphinx extension: `extensions = ["omnilinks.plugins.sphinx"]` in conf.py.

On build-finished the HTML output folder is checked with html_baseurl; every
error or warning is a Sphinx warning located at the source document, so
`sphinx-build -W` fails on it. Without -W, reaching `omnilinks_fail_on`
raises a SphinxError.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config as SphinxConfig
from sphinx.errors import SphinxError
from sphinx.util import logging

from omnilinks.errors import OmnilinksError
from omnilinks.models import Finding
from omnilinks.plugins import PluginOptions, as_bool, check_build, report_findings
from omnilinks.version import __version__
from omnilinks.vocabulary import FAIL_ON_CHOICES

log = logging.getLogger(__name__)


class OmnilinksSphinxError(SphinxError):
    category = "omnilinks"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("omnilinks_config", None, "", (str, type(None)))
    app.add_config_value("omnilinks_fail_on", None, "", (str, type(None)))
    app.add_config_value("omnilinks_offline", True, "", (bool, str))
    app.add_config_value("omnilinks_enabled", True, "", (bool, str))
    app.connect("build-finished", build_finished)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or getattr(app.builder, "format", None) != "html":
        return  # a failed build or a non-HTML builder has no site to check
    try:
        options = _options(app.config)
        if not options.enabled:
            return
        site_url = getattr(app.config, "html_baseurl", "") or None
        check = check_build(app.outdir, site_url, options, Path(app.confdir), _sources(app))
    except OmnilinksError as exc:
        raise OmnilinksSphinxError(str(exc)) from None
    report_findings(check, _warn, log.info)
    if check.failed() and not _warnings_fail(app):
        raise OmnilinksSphinxError(check.failure_message())


def _warnings_fail(app: Sphinx) -> bool:
    """-W given? Sphinx ≥ 8.1 keeps it in _fail_on_warnings (warningiserror is then always False)."""
    flag = getattr(app, "_fail_on_warnings", None)
    return bool(app.warningiserror if flag is None else flag)


def _warn(finding: Finding, source: str | None, text: str) -> None:
    # location=docname makes Sphinx print the .rst/.md path; type/subtype let suppress_warnings silence a rule.
    log.warning(text, location=source, type="omnilinks", subtype=finding.rule)


def _options(config: SphinxConfig) -> PluginOptions:
    fail_on = config.omnilinks_fail_on
    if fail_on is not None and fail_on not in FAIL_ON_CHOICES:
        raise OmnilinksError(f"conf.py omnilinks_fail_on: expected one of {', '.join(FAIL_ON_CHOICES)}, "
                             f"got {fail_on!r}")
    return PluginOptions(config=config.omnilinks_config, fail_on=fail_on,
                         offline=as_bool(config.omnilinks_offline, "conf.py omnilinks_offline"),
                         enabled=as_bool(config.omnilinks_enabled, "conf.py omnilinks_enabled"))


def _sources(app: Sphinx) -> dict[str, str]:
    """Built file (outdir-relative) → docname; Sphinx turns a docname location into its source path."""
    sources: dict[str, str] = {}
    for docname in sorted(app.env.found_docs):
        uri = app.builder.get_target_uri(docname)
        sources[uri] = docname
        if uri.endswith("/") or uri == "":
            sources[uri + "index.html"] = docname  # dirhtml
    return sources
