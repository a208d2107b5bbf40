"""Report stage: every output format, one module each, in one registry."""
from __future__ import annotations

from omnilinks.report import github, html, json_format, junit, markdown, sarif, text
from omnilinks.report.base import Format, RenderOptions, write_atomic

FORMATS: dict[str, Format] = {f.name: f for f in (
    text.FORMAT,
    json_format.FORMAT,
    github.FORMAT,
    sarif.FORMAT,
    markdown.FORMAT,
    html.FORMAT,
    junit.FORMAT,
)}

__all__ = ["FORMATS", "Format", "RenderOptions", "write_atomic"]
