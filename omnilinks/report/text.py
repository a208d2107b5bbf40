"""`text`: findings grouped by page, each with its fix; colour on a terminal."""
from __future__ import annotations

from collections import defaultdict

from omnilinks.models import Finding, Report
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.safe import clean_text

COLORS = {"error": "\033[31m", "warning": "\033[33m", "notice": "\033[36m", "dim": "\033[2m", "bold": "\033[1m",
          "verified": "\033[32m", "mismatch": "\033[31m", "unreachable": "\033[31m", "unverifiable": "\033[33m",
          "not_applicable": "\033[2m"}
RESET = "\033[0m"


def render(report: Report, options: RenderOptions) -> str:
    paint = (lambda key, text: f"{COLORS[key]}{text}{RESET}") if options.color else (lambda key, text: text)
    lines: list[str] = []
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        loc = finding.location
        groups[loc.path or loc.url or (f"channel: {finding.platform}" if finding.platform else "site")].append(finding)
    for where in sorted(groups):
        lines.append(paint("bold", clean_text(where)))
        for finding in sorted(groups[where], key=lambda f: (f.location.line or 0, f.location.column or 0)):
            position = f"{finding.location.line}:{finding.location.column or 1}" if finding.location.line else "-"
            lines.append(f"  {position:>8}  {paint(finding.severity, finding.severity):<7}  "
                         f"{clean_text(finding.message)}  {paint('dim', finding.rule)}")
            if finding.fix:
                fix = clean_text(finding.fix, keep_newlines=True).replace("\n", "\n                 ")
                lines.append(f"            fix: {fix}")
        lines.append("")
    if report.channels:
        lines.append(paint("bold", "Channels"))
        for channel in report.channels:
            back = {True: "links back", False: "no link back", None: "link back unknown"}[channel.links_back]
            reason = f" — {clean_text(channel.reason)}" if channel.reason else ""
            lines.append(f"  {paint(channel.status, f'{channel.status:<14}')} {channel.platform:<16} "
                         f"{clean_text(channel.url)} ({back}){reason}")
        lines.append("")
    for note in report.notes:
        lines.append(paint("warning", f"note: {clean_text(note)}"))
    counts = report.counts()
    summary = (f"{report.pages} pages, {report.links} links, {len(report.channels)} channels: "
               f"{counts['error']} errors, {counts['warning']} warnings, {counts['notice']} notices")
    if not report.complete:
        summary += " (INCOMPLETE: interrupted or out of time; results so far)"
    lines.append(paint("bold", summary))
    return "\n".join(lines) + "\n"


FORMAT = Format("text", ".txt", "Findings grouped by page, with fixes (default)", render)
