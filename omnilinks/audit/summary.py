"""One client's line in the portfolio: its score, channel statuses and top fixes,
computed from the stored JSON report so `merge` needs nothing else.

Score: 100, minus 10 per distinct error, 3 per distinct warning and 1 per
distinct notice, never below 0. Distinct means one (rule, target) however many
pages repeat it: a broken footer link on 200 pages is one thing to fix.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from omnilinks.vocabulary import SEVERITIES, SEVERITY_ORDER

PENALTY = {"error": 10, "warning": 3, "notice": 1}
TOP_FIXES = 3


@dataclass(frozen=True)
class ClientSummary:
    """One client's line in the portfolio, computed from its stored JSON report."""

    name: str
    slug: str
    target: str | None
    status: str  # done | down | error
    error: str | None = None
    score: int | None = None  # None when the site could not be checked
    counts: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    links: int = 0
    complete: bool = True
    channels: tuple[tuple[str, str, str], ...] = ()  # (platform, status, url)
    top_fixes: tuple[tuple[str, str, int], ...] = ()  # (severity, fix, places)
    html: str | None = None  # the client's HTML report, relative to the output folder
    new: int | None = None  # findings the previous audit did not have; None: no previous audit to compare
    fixed: int | None = None  # previous audit's findings no longer seen
    scores: tuple[int, ...] = ()  # every audit's score, oldest first, this one last

    def sort_key(self) -> tuple[bool, int, str, str]:
        # Unchecked clients first, then the lowest score: the portfolio opens on what needs attention.
        return (self.score is not None, self.score or 0, self.name.lower(), self.slug)


def score(findings: list[dict[str, Any]]) -> int:
    distinct = {(f["rule"], f.get("target") or f["message"]): f["severity"] for f in findings}
    return max(0, 100 - sum(PENALTY[severity] for severity in distinct.values()))


def top_fixes(findings: list[dict[str, Any]], limit: int = TOP_FIXES) -> tuple[tuple[str, str, int], ...]:
    places: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        fix = finding.get("fix") or finding["message"]
        places[(finding["severity"], fix)] += 1
    ranked = sorted(places.items(), key=lambda item: (SEVERITY_ORDER[item[0][0]], -item[1], item[0][1]))
    return tuple((severity, fix, count) for (severity, fix), count in ranked[:limit])


def summarize(result: dict[str, Any]) -> ClientSummary:
    client = result["client"]
    report = result.get("report")
    base = {"name": client["name"], "slug": client["slug"], "target": client.get("target"),
            "status": result["status"], "error": result.get("error"), "html": result.get("html"),
            "scores": tuple(s for s in result.get("scores") or () if isinstance(s, int))}
    if result["status"] != "done" or report is None:
        return ClientSummary(**base)
    findings = report["findings"]
    summary = report["summary"]
    channels = tuple((c["platform"], c["status"], c["url"]) for c in report.get("channels", ()))
    since = report.get("baseline")
    if since:
        base |= {"new": since["new"], "fixed": len(since["fixed"])}
    return ClientSummary(**base, score=score(findings),
                         counts={k: summary[k] for k in SEVERITIES},
                         pages=summary["pages"], links=summary["links"], complete=report.get("complete", True),
                         channels=channels, top_fixes=top_fixes(findings))
