"""The JSON report's content, the stable machine contract (schema_version 1): the dict and its schema.

The `json` format (formats/json.py) writes it; the agency audit and the baseline
comparison read it without going through any format."""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

from omnilinks.models import Report

SCHEMA_VERSION = 1
SCHEMA_FILE = "report-v1.schema.json"  # JSON Schema of this report, shipped in the package (report/schema/)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every report this version writes validates against."""
    # One name per joinpath: Python 3.10's Traversable (a zipped package) takes only one.
    text = resources.files("omnilinks.report").joinpath("schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def to_dict(report: Report) -> dict[str, Any]:
    counts = report.counts()
    extra = {"baseline": report.baseline.to_dict()} if report.baseline is not None else {}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "omnilinks", "version": report.version},
        "target": report.target,
        "site_url": report.site_url,
        "run": {"started_at": report.started_at, "duration_seconds": report.duration},
        "complete": report.complete,
        "notes": list(report.notes),
        "summary": {**counts, "pages": report.pages, "links": report.links},
        "identity": report.identity.to_dict(),
        "channels": [c.to_dict() for c in report.channels],
        "findings": [f.to_dict() for f in report.findings],
    } | extra
