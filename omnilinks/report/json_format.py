"""The JSON report's content, the stable machine contract (schema_version 1): the dict and its schema.

The `json` format (formats/json.py) writes it; the agency audit and the baseline
comparison read it without going through any format."""
from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring  # json's own (in C): ensure_ascii=False's string form
from typing import Any

from omnilinks.models import Report

SCHEMA_VERSION = 1
SCHEMA_FILE = "report-v1.schema.json"  # JSON Schema of this report, shipped in the package (report/schema/)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every report this version writes validates against."""
    from importlib import resources  # here: 5 ms of imports (tempfile, shutil…) a run that writes JSON never needs

    # One name per joinpath: Python 3.10's Traversable (a zipped package) takes only one.
    text = resources.files("omnilinks.report").joinpath("schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def to_dict(report: Report) -> dict[str, Any]:
    return _report_dict(report, [f.to_dict() for f in report.findings])


def _report_dict(report: Report, findings: list[Any]) -> dict[str, Any]:
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
        "findings": findings,
    } | extra


_FINDINGS = "omnilinks: the findings go here"


def pieces(report: Report) -> Iterator[str]:
    """`json.dumps(to_dict(report), indent=2, ensure_ascii=False)` and a newline, the same bytes, in
    pieces: one finding at a time, so a report of 60,000 findings is never one 60 MB string (nor
    60,000 dicts at once)."""
    if not report.findings:
        yield json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
        return
    text = json.dumps(_report_dict(report, [_FINDINGS]), indent=2, ensure_ascii=False)
    # A string holds no raw newline in JSON: this two-line pattern is the placeholder itself.
    before, after = text.split(f'"findings": [\n    {json.dumps(_FINDINGS)}\n  ]', 1)
    yield before + '"findings": [\n'
    for number, finding in enumerate(report.findings):
        yield ("    " if number == 0 else ",\n    ") + indented(finding.to_dict(), "\n    ")
    yield "\n  ]" + after + "\n"


def indented(value: Any, newline: str = "\n") -> str:
    """json.dumps(value, indent=2, ensure_ascii=False), each line after the first starting with
    `newline`'s indent: the same text. (json's indented encoder is pure Python, three times slower:
    a quarter of a second for a 20,000-page site's findings.)"""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + "  "
        return "{" + ",".join(inner + encode_basestring(_key(key)) + ": " + indented(item, inner)
                              for key, item in value.items()) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + ",".join(inner + indented(item, inner) for item in value) + newline + "]"
    # What json.dumps writes for the common scalars, without its call (a report has ~7 a finding).
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if value.__class__ is int:
        return int.__repr__(value)
    return json.dumps(value)  # other numbers


def _key(key: Any) -> str:
    # json's own key rules: strings as they are; numbers, booleans and None as their JSON text.
    return key if isinstance(key, str) else json.dumps(key)
