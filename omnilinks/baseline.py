"""What changed since an earlier run: each finding is `new` or `unchanged`
against a previous JSON report, and the earlier findings no longer seen are
`fixed`.

A finding is recognised by a fingerprint of what it is about — the rule, the
file or URL it is on (relative to the target), the target URL, platform and
field (the wrong value when there is no target URL) — never by line or column,
so editing a page above a finding does not make it new. Findings the same in every respect (one broken link
twice on a page) are matched by count.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from omnilinks.config import CONFIG_NAMES
from omnilinks.errors import ConfigError
from omnilinks.models import BaselineDiff, Finding, Report

# Positions inside messages ("index.html:12:5", "line 12") move with edits; the rest is the finding.
POSITION = re.compile(r"(?::\d+)+\b|\bline \d+", re.I)


def load_baseline(path: str) -> dict[str, Any]:
    """The earlier JSON report; a missing or malformed one is a one-line error naming the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "baseline report not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read the baseline report: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(path, f"the baseline is not JSON: {exc.msg}", exc.lineno) from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or data.get("schema_version") != 1 \
            or not all(isinstance(f, dict) and isinstance(f.get("rule"), str) for f in findings):
        raise ConfigError(path, "not an omnilinks JSON report (schema_version 1 with a findings list); "
                                "write one with --format json")
    report: dict[str, Any] = data
    return report


def _relative(where: str, target: str) -> str:
    """Paths as the run wrote them, made independent of where it ran: under the target, relative
    to it; a finding on the config (a channel's line) by the config's name alone."""
    name = re.split(r"[/\\]", where)[-1]
    if name in CONFIG_NAMES:
        return name
    root = target.rstrip("/\\")
    if root and not root.startswith(("http://", "https://")):
        for prefix in (root + "/", root + "\\"):
            if where.startswith(prefix):
                return where[len(prefix):]
    return where


def fingerprint(finding: dict[str, Any], target: str = "") -> str:
    """Stable id of a finding as written in a JSON report (this run's or an earlier one)."""
    location = finding.get("location") or {}
    where = _relative(str(location.get("path") or location.get("url") or ""), target)
    # A finding about a URL is that URL's problem whatever its state reads this time (HTTP 404 or 410,
    # a timeout or a refused connection); without one, the wrong value is what the finding is about.
    keys = ("target", "platform", "field") if finding.get("target") else ("platform", "field", "actual")
    about = [str(finding.get(key) or "") for key in keys]
    parts = [finding["rule"], where, *about]
    if not any(about):  # nothing but the message says what it is about
        parts.append(POSITION.sub("", str(finding.get("message") or "")))
    import hashlib  # only a run compared with a baseline fingerprints findings

    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def compare(report: Report, baseline: dict[str, Any], path: str) -> Report:
    """The report with each finding marked new or unchanged, and the baseline's fixed findings."""
    before: Counter[str] = Counter()
    earlier: dict[str, list[dict[str, Any]]] = {}
    for old in baseline["findings"]:
        key = fingerprint(old, str(baseline.get("target") or ""))
        before[key] += 1
        earlier.setdefault(key, []).append(old)
    marked: list[Finding] = []
    seen: Counter[str] = Counter()
    for finding in report.findings:
        key = fingerprint(finding.to_dict(), report.target)
        seen[key] += 1
        change: Literal["new", "unchanged"] = "unchanged" if seen[key] <= before[key] else "new"
        marked.append(replace(finding, change=change, fingerprint=key))
    fixed = []
    for key, olds in earlier.items():
        for old in olds[seen[key]:]:  # more of them before than now: the rest were fixed
            fixed.append({k: v for k, v in old.items() if k not in ("change", "fingerprint")} | {"fingerprint": key})
    notes = report.notes
    if not report.complete and fixed:
        # What an interrupted run did not reach is not fixed; it was not looked at.
        notes += (f"the run was incomplete, so {len(fixed)} finding(s) of the baseline not seen are not listed "
                  "as fixed",)
        fixed = []
    new = sum(1 for f in marked if f.change == "new")
    diff = BaselineDiff(path=path, new=new, unchanged=len(marked) - new, fixed=tuple(fixed))
    return replace(report, findings=tuple(marked), baseline=diff, notes=notes)

