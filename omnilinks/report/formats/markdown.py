"""`markdown`: the job-summary / PR-comment form.

Counts, a channel table, the name/address/phone comparison, then findings
grouped by category, each with its fix and a link to its rule's documentation.
Paths are relative to the repository ($GITHUB_WORKSPACE) or working directory.
Always under 1 MiB (GitHub's step-summary limit) however large the site: rows
that would pass LIMIT_BYTES are left out and a line says how many.

Crawled strings are escaped so they cannot break a table row, open HTML, ping
people or turn into a workflow command: `|` and Markdown punctuation are
backslash-escaped, `<`, `>`, `&` and `@` become entities.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from omnilinks.models import CATEGORIES, SEVERITY_ORDER, Finding, Profile, Report
from omnilinks.report import naptable
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.locate import annotation_root, relative_path
from omnilinks.report.platforms import display_name
from omnilinks.report.safe import clean_text, defuse_commands
from omnilinks.rules.catalogue import rule_catalogue, rule_url

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


def where(finding: Finding, relative: Callable[[str], str] | None = None) -> str:
    loc = finding.location
    if loc.path and relative is not None:
        return cell(location_short(relative(loc.path), loc.line, loc.column))
    if loc.path or loc.url:
        return cell(loc.short())
    if finding.platform:
        return cell(f"channel: {display_name(finding.platform)}")
    return "site"


def location_short(path: str, line: int | None, column: int | None) -> str:
    return path + (f":{line}" if line else "") + (f":{column}" if line and column else "")


def rule_link(rule_id: str) -> str:
    """The rule id, linked to its catalogue entry when the rule is declared."""
    return f"[{cell(rule_id, 80)}]({rule_url(rule_id)})" if rule_id in rule_catalogue() else cell(rule_id, 80)


NAP_MARK = {"disagree": "≠ ", "agree": "✓ "}


def nap_lines(report: Report, root: Path) -> list[str]:
    """The name/address/phone comparison: each source a row, values in normal form, ≠ where they differ."""
    table = naptable.build(report)
    if len(table.rows) < 2:
        return []
    lines = ["", "### Name, address, phone compared", "",
             "| Where | " + " | ".join(name.capitalize() for name in naptable.FIELDS) + " |",
             "|---|" + "---|" * len(naptable.FIELDS)]
    for row in table.rows:
        if row.kind == "channel":
            label = f"{display_name(row.label)} ({row.detail})" if row.detail else display_name(row.label)
        elif row.kind == "page":
            label = relative_path(row.label, root)
        else:
            label = "**Reference**"
        cells = []
        for name in naptable.FIELDS:
            item = row.cells[name]
            text = "; ".join(item.values) or {"unreadable": "not readable"}.get(item.state, "—")
            if item.written and item.state != "reference":
                text += f" (written {', '.join(item.written)})"
            mark = NAP_MARK.get(item.state, "")
            cells.append(f"{mark}**{cell(text, 120)}**" if item.state == "disagree" else mark + cell(text, 120))
        lines.append(f"| {label if row.kind == 'reference' else cell(label, 120)} | " + " | ".join(cells) + " |")
    if table.hidden_pages:
        lines.append(f"\n_{table.hidden_pages} more pages with the same facts are not shown._")
    return lines


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
    root = annotation_root(options)
    relative = lru_cache(maxsize=65_536)(lambda path: relative_path(path, root))  # a page has many findings
    link = lru_cache(maxsize=None)(rule_link)
    target = report.site_url or (report.target if "://" in report.target else relative_path(report.target, root))
    if target == ".":
        target = Path(report.target).resolve().name or report.target
    out.add(f"## omnilinks: {cell(target, 200)}")
    out.add("")
    when = f" · checked {cell(report.started_at)}" if report.started_at else ""
    out.add(f"{report.pages} pages · {report.links} links · {len(report.channels)} channels{when} · "
            f"omnilinks {cell(report.version, 40)}")
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
            row = (f"| {cell(display_name(channel.platform), 40)} | {cell(channel.url, 200)} | "
                   f"{STATUS_ICON.get(channel.status, cell(channel.status))} | {links_back(channel)} | "
                   f"{cell(channel.reason or '')} | {cell(channel.evidence or '')} |")
            if not out.add(row):
                left_out += 1
    for line in nap_lines(report, root):
        if not out.add(line):
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
            row = (f"| {SEVERITY_ICON[finding.severity]}{mark} | {where(finding, relative)} | {cell(finding.message)}"
                   f"<br><sub>{link(finding.rule)}</sub> | {cell(finding.fix or '')} |")
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
