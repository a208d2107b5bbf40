"""`sarif`: SARIF 2.1.0 for GitHub code scanning.

Code scanning shows a result only when it points at a file in the repository,
so each result goes on: the source file that produced the built page (source
mapping; the built page is kept in relatedLocations), else the built page,
else — for a finding about a channel — the line of omnilinks.yml that declares
the channel, else line 1 of omnilinks.yml. Findings source mapping puts on one
source line with the same message are one result listing every built page. Findings with no file at all and no
config (a live URL checked without omnilinks.yml) cannot be shown by code
scanning: they are left out of `results` and counted in the run's
`properties.omnilinks.unlocatedFindings`.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from omnilinks.models import Finding, Report
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.locate import (
    Place,
    annotation_root,
    built_suffix,
    config_place,
    file_place,
    group_annotations,
    locator,
)
from omnilinks.report.safe import clean_text
from omnilinks.rules.catalogue import rule_catalogue as catalogue
from omnilinks.rules.catalogue import rule_url

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/omnilinks/omnilinks"
LEVELS = {"error": "error", "warning": "warning", "notice": "note"}
MAX_RESULTS = 25_000  # code scanning's limit per run


def rule_catalogue(report: Report) -> list[dict[str, Any]]:
    """Every rule a result uses, with its catalogue texts and a link to its documentation."""
    declared_rules = catalogue()
    used = sorted({f.rule for f in report.findings})
    rules = []
    for rule_id in used:
        declared = declared_rules.get(rule_id)
        first = next(f for f in report.findings if f.rule == rule_id)
        severity = declared.severity if declared else first.severity
        summary = declared.summary if declared else rule_id
        category = declared.category if declared else first.category
        entry: dict[str, Any] = {
            "id": rule_id,
            "name": "".join(part.capitalize() for part in rule_id.split("-")),
            "shortDescription": {"text": summary},
            "fullDescription": {"text": f"{summary}. {declared.why}" if declared and declared.why
                                else f"{summary} (category: {category})."},
            "defaultConfiguration": {"level": LEVELS[severity]},
            "properties": {"tags": ["omnilinks", category]},
        }
        if declared:
            entry["helpUri"] = rule_url(rule_id)
        if declared and declared.how_to_fix:
            entry["help"] = {
                "text": f"{declared.why}\n\nHow to fix: {declared.how_to_fix}\n\nExample: {declared.example}",
                "markdown": f"**Why it matters.** {declared.why}\n\n**How to fix.** {declared.how_to_fix}\n\n"
                            f"**Example.** {declared.example}\n\n[Rule documentation]({rule_url(rule_id)})",
            }
        rules.append(entry)
    return rules


def physical(place: Place) -> dict[str, Any]:
    uri = "file://" + quote(place.path) if place.path.startswith("/") else quote(place.path)  # outside the repo
    location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    region: dict[str, int] = {"startLine": max(1, place.line or 1)}
    if place.line and place.column:
        region["startColumn"] = max(1, place.column)
    location["region"] = region
    return {"physicalLocation": location}


def fingerprint(finding: Finding, path: str | None = None) -> str:
    """Stable across runs and line shifts: what is wrong and in which file, not at which line."""
    loc = finding.location
    key = "\x1f".join(str(part or "") for part in (finding.rule, path or loc.path or loc.url, finding.target,
                                                   finding.platform, finding.field, finding.expected, finding.actual))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def render(report: Report, options: RenderOptions) -> str:
    root = annotation_root(options)
    locate = locator(report, options)
    rules = rule_catalogue(report)
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    unlocated = located_count = 0
    for item in group_annotations(list(report.findings), locate):
        finding = item.finding
        place = item.place or config_place(report, root, 1)
        if place is None:
            unlocated += item.count
            continue
        if len(results) >= MAX_RESULTS:
            break
        text = clean_text(finding.message)
        if finding.fix:
            text += f" — fix: {clean_text(finding.fix)}"
        text += built_suffix(item.built)
        if item.place is None and finding.location.url:
            text += f" (on {clean_text(finding.location.url)})"
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": LEVELS[finding.severity],
            "message": {"text": text},
            "locations": [physical(place)],
            "partialFingerprints": {"omnilinksFinding/v1": fingerprint(finding, place.path if item.built else None)},
        }
        related = [(p, "built page") for p in item.built]
        related += [(p, "also disagrees") for p in (file_place(r, root) for r in finding.related) if p is not None]
        if related:
            result["relatedLocations"] = [{"id": number, **physical(p), "message": {"text": label}}
                                          for number, (p, label) in enumerate(related, start=1)]
        properties: dict[str, object] = {k: v for k, v in (("category", finding.category), ("target", finding.target),
                                        ("platform", finding.platform), ("field", finding.field),
                                        ("expected", finding.expected), ("actual", finding.actual)) if v}
        if item.count > 1:
            properties["findings"] = item.count
        result["properties"] = properties
        results.append(result)
        located_count += item.count
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "omnilinks", "version": report.version, "semanticVersion": report.version,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"omnilinks": {
            "target": report.target,
            "complete": report.complete,
            "unlocatedFindings": unlocated,
            "truncatedFindings": len(report.findings) - unlocated - located_count,
            "note": "findings with no file in the repository and no omnilinks.yml to point at are not results; "
                    "see the json report for them",
        }},
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMAT = Format("sarif", ".sarif", "SARIF 2.1.0 for GitHub code scanning", render)
