"""MkDocs plugin: `plugins: [omnilinks]` in mkdocs.yml.

After the build, the site folder is checked with the site_url; every error or
warning becomes a MkDocs warning naming the source .md page, so
`mkdocs build --strict` fails on it. Without --strict, reaching `fail_on`
raises PluginError.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config as MkDocsConfigBase
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from omnilinks.errors import OmnilinksError
from omnilinks.models import Finding
from omnilinks.plugins import PluginOptions, check_build, report_findings
from omnilinks.vocabulary import FAIL_ON_CHOICES

log = get_plugin_logger(__name__)


# mkdocs declares __init_subclass__ without annotations, so strict mypy flags every subclass
class OmnilinksConfig(MkDocsConfigBase):  # type: ignore[no-untyped-call]
    config = c.Optional(c.Type(str))
    fail_on = c.Optional(c.Choice(FAIL_ON_CHOICES))
    offline = c.Type(bool, default=True)
    enabled = c.Type(bool, default=True)


class OmnilinksPlugin(BasePlugin[OmnilinksConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.sources: dict[str, str] = {}  # built file (site-relative) → source .md (project-relative)
        self.markdown: dict[str, str] = {}  # source .md → its Markdown, to point at a line

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.sources, self.markdown = {}, {}
        docs_dir = Path(config.docs_dir)
        project = _project_dir(config)
        for file in files.documentation_pages():
            self.sources[file.dest_uri] = _display(docs_dir / file.src_uri, project)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.sources[page.file.dest_uri] = _display(Path(config.docs_dir) / page.file.src_uri, _project_dir(config))
        self.markdown[self.sources[page.file.dest_uri]] = markdown
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        options = PluginOptions(self.config.config, self.config.fail_on, self.config.offline, True)
        try:
            check = check_build(config.site_dir, config.site_url, options, _project_dir(config), self.sources)
        except OmnilinksError as exc:
            raise PluginError(f"omnilinks: {exc}") from None
        report_findings(check, self._warn, log.info, prefix="")
        if check.failed() and not config.strict:
            raise PluginError(check.failure_message())

    def _warn(self, finding: Finding, source: str | None, text: str) -> None:
        line = source_line(self.markdown.get(source or ""), finding)
        if line is not None and source:
            text = text.replace(source, f"{source}:{line}", 1)  # the first occurrence is the "where"
        log.warning(text)


def source_line(markdown: str | None, finding: Finding) -> int | None:
    """The one Markdown line that holds the link at issue, when exactly one does; else None."""
    if not markdown or not finding.target:
        return None
    target = finding.target
    tokens = []
    if "#" in target:
        tokens.append("#" + target.split("#", 1)[1])
    tail = target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if len(tail) >= 3 and "." not in tail[:1]:
        tokens.append(tail)
    for token in tokens:
        hits = [number for number, text in enumerate(markdown.splitlines(), 1) if token in text]
        if len(hits) == 1:
            return hits[0]
    return None


def _project_dir(config: MkDocsConfig) -> Path:
    path = config.config_file_path
    return Path(path).parent if path else Path.cwd()


def _display(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)
