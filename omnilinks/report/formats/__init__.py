"""Every output format, one module each, in one registry (`--format NAME`).

A format is a `report.base.Format`: a name, a file extension and a render
function. The helpers the formats share (locating a finding in the sources,
grouping problems, the channel and NAP tables, safe text) live one level up,
in `omnilinks/report/`.
"""
from __future__ import annotations

from omnilinks.report.base import Format
from omnilinks.report.formats import github, html, json, junit, markdown, sarif, text

FORMATS: dict[str, Format] = {f.name: f for f in (
    text.FORMAT,
    json.FORMAT,
    github.FORMAT,
    sarif.FORMAT,
    markdown.FORMAT,
    html.FORMAT,
    junit.FORMAT,
)}

__all__ = ["FORMATS", "Format"]
