"""`markdown`: the job-summary / PR-comment form.

Counts, a channel table, then findings grouped by category, each with its fix.
Always under 1 MiB (GitHub's step-summary limit) however large the site: rows
that would pass LIMIT_BYTES are left out and a line says how many.

Crawled strings are escaped so they cannot break a table row, open HTML, ping
people or turn into a workflow command: `|` and Markdown punctuation are
backslash-escaped, `<`, `>`, `&` and `@` become entities.
"""
from __future__ import annotations

from omnilinks.models import CATEGORIES, SEVERITY_ORDER, Finding, Profile, Report
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.safe import clean_text, defuse_commands

LIMIT_BYTES = 1024 * 1024 - 16 * 1024  # 1 MiB, less room for the closing lines
CELL_LIMIT = 400
SEVERITY_ICON = {"error": "🔴 error", "warning": "🟠 warning", "notice": "🔵 notice"}
STATUS_ICON = {"verified": "✅ verified", "mismatch": "❌ mismatch", "unreachable": "❌ unreachable",
               "unverifiable": "❔ unverifiable", "not_applicable": "➖ not applicable"}
CATEGORY_TITLE = {"link": "Links", "crossref": "Site ↔ channel cross-references", "nap": "Name, address, phone",
                  "schema": "Structured data", "brand": "Brand", "attribution": "Attribution (UTM tags)"}
_BACKSLASHED = set("\\`*_[]|~")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "&#64;"}


def cell(value: object, limit: int = CELL_LIMIT) -> str:
    """One table cell of untrusted text: one line, escaped, bounded."""
    text = defuse_commands(clean_text(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    out = []
    for char in text:
        if char in _BACKSLASHED:
            out.append("\\" + char)
        else:
            out.append(_ENTITIES.get(char, char))
    return "".join(out) or " "


def where(finding: Finding) -> str:
    loc = finding.location
    if loc.path or loc.url:
        return cell(loc.short())
    if finding.platform:
        return cell(f"channel: {finding.platform}")
    return "site"


def links_back(channel: Profile) -> str:
    return {True: "yes", False: "**no**", None: "unknown"}[channel.links_back]


class Budget:
    """Byte-counted lines; refuses a line once the limit would be passed."""

    def __init__(self, limit: int) -> None:
        self.lines: list[str] = []
        self.left = limit
        self.full = False  # once a line is refused, later ones are too: the report is cut, not holed

    def add(self, line: str) -> bool:
        size = len(line.encode("utf-8")) + 1
        if self.full or size > self.left:
            self.full = True
            return False
        self.lines.append(line)
        self.left -= size
        return True


def render(report: Report, options: RenderOptions, limit: int = LIMIT_BYTES) -> str:
    counts = report.counts()
    out = Budget(limit)
    out.add(f"## omnilinks: {cell(report.target, 200)}")
    out.add("")
    out.add(f"{report.pages} pages · {report.links} links · {len(report.channels)} channels")
    if not report.complete:
        out.add("")
        out.add("> **Incomplete:** the run was interrupted or ran out of time; these are the results so far.")
    for note in report.notes:
        out.add("")
        out.add(f"> **Note:** {cell(note)}")
    out.add("")
    diff = report.baseline
    if diff is None:
        out.add("| Errors | Warnings | Notices |")
        out.add("|---:|---:|---:|")
        out.add(f"| {counts['error']} | {counts['warning']} | {counts['notice']} |")
    else:
        out.add("| Errors | Warnings | Notices | New | Unchanged | Fixed |")
        out.add("|---:|---:|---:|---:|---:|---:|")
        out.add(f"| {counts['error']} | {counts['warning']} | {counts['notice']} | **{diff.new}** | {diff.unchanged} "
                f"| {len(diff.fixed)} |")
        out.add("")
        out.add(f"Compared with {cell(diff.path, 200)}: new findings are listed first in each table, marked 🆕.")
    left_out = 0
    if report.channels:
        out.add("")
        out.add("### Channels")
        out.add("")
        out.add("| Platform | Channel | Status | Links back | Reason | Evidence |")
        out.add("|---|---|---|---|---|---|")
        for channel in report.channels:
            row = (f"| {cell(channel.platform, 40)} | {cell(channel.url, 200)} | "
                   f"{STATUS_ICON.get(channel.status, cell(channel.status))} | {links_back(channel)} | "
                   f"{cell(channel.reason or '')} | {cell(channel.evidence or '')} |")
            if not out.add(row):
                left_out += 1
    if not report.findings:
        out.add("")
        out.add("No findings. ✨")
    for category in [*CATEGORIES, *sorted({f.category for f in report.findings} - set(CATEGORIES))]:
        findings = sorted((f for f in report.findings if f.category == category),
                          key=lambda f: (f.change == "unchanged", SEVERITY_ORDER[f.severity], *f.sort_key()))
        if not findings:
            continue
        header = ["", f"### {CATEGORY_TITLE.get(category, cell(category))} ({len(findings)})", "",
                  "| Severity | Where | Finding | Fix |", "|---|---|---|---|"]
        if not all(out.add(line) for line in header):
            left_out += len(findings)
            continue
        for finding in findings:
            mark = " 🆕" if finding.change == "new" else ""
            row = (f"| {SEVERITY_ICON[finding.severity]}{mark} | {where(finding)} | {cell(finding.message)}"
                   f"<br><sub>{cell(finding.rule, 80)}</sub> | {cell(finding.fix or '')} |")
            if not out.add(row):
                left_out += 1
    if diff is not None and diff.fixed:
        out.add("")
        out.add(f"### Fixed since the baseline ({len(diff.fixed)})")
        out.add("")
        for old in diff.fixed:
            if not out.add(f"- ~~{cell(old.get('message') or '')}~~ <sub>{cell(old.get('rule') or '', 80)}</sub>"):
                left_out += 1
    lines = out.lines
    if left_out:
        lines += ["", f"_{left_out} more rows left out to stay under GitHub's 1 MiB summary limit; "
                      "see the full report (--report json=FILE or html=FILE)._"]
    return "\n".join(lines) + "\n"


FORMAT = Format("markdown", ".md", "Markdown summary for a job summary or PR comment", render)
