"""Report stage: every output format, one module each, in one registry."""
from __future__ import annotations

from omnilinks.report import json_format, text
from omnilinks.report.base import Format, RenderOptions, write_atomic

FORMATS: dict[str, Format] = {f.name: f for f in (
    text.FORMAT,
    json_format.FORMAT,
)}

__all__ = ["FORMATS", "Format", "RenderOptions", "write_atomic"]
