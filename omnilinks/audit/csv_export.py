"""findings.csv: every finding of every client, one row each, for a spreadsheet."""
from __future__ import annotations

import csv
import io
from typing import Any

from omnilinks.report.safe import clean_text

COLUMNS = ("client", "client_target", "rule", "category", "severity", "message", "path", "line", "column", "url",
           "target", "platform", "field", "expected", "actual", "fix",
           "change")  # new / unchanged since the previous audit into the same folder; empty the first time
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """Crawled text must not become a spreadsheet formula (CSV injection)."""
    text = "" if value is None else clean_text(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def render_csv(results: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for result in sorted(results, key=lambda r: r["client"]["slug"]):
        client = result["client"]
        if result["status"] != "done" or not result.get("report"):
            writer.writerow([cell(client["name"]), cell(client.get("target")), "audit-client-" + result["status"],
                             "", "error", cell(result.get("error")), *[""] * 11])
            continue
        for finding in result["report"]["findings"]:
            where = finding.get("location") or {}
            row = [client["name"], client.get("target"), finding["rule"], finding["category"], finding["severity"],
                   finding["message"], where.get("path"), where.get("line"), where.get("column"), where.get("url"),
                   finding.get("target"), finding.get("platform"), finding.get("field"), finding.get("expected"),
                   finding.get("actual"), finding.get("fix"), finding.get("change")]
            writer.writerow([cell(v) for v in row])
    return out.getvalue()
