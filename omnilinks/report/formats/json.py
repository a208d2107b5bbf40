"""`json`: the stable machine contract (schema_version 1), as report/json_format.py builds it."""
from __future__ import annotations

from collections.abc import Iterator

from omnilinks.models import Report
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.json_format import pieces


def render(report: Report, options: RenderOptions) -> str:
    return "".join(pieces(report))


def render_pieces(report: Report, options: RenderOptions) -> Iterator[str]:
    return pieces(report)


FORMAT = Format("json", ".json", "The stable JSON report (schema_version 1)", render, render_pieces)
