"""Report stage: the formats (`report/formats/`, one module each, in one registry) and the helpers
they share (this folder: where a finding came from, problem groups, channel and NAP tables, safe text)."""
from __future__ import annotations

from omnilinks.report.base import Format, RenderOptions, write_atomic
from omnilinks.report.formats import FORMATS

__all__ = ["FORMATS", "Format", "RenderOptions", "write_atomic"]
