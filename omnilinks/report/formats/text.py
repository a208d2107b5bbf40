"""`text`: findings grouped by page, each with its fix; colour on a terminal.

Crawled strings are made printable and command-free (safe.log_safe): CI runners
print this format, and a GitHub runner obeys `::command::` at a line's start and
`##[command]` anywhere."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from omnilinks.models import Finding, Report
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.safe import defuse_commands, log_safe

COLORS = {"error": "\033[31m", "warning": "\033[33m", "notice": "\033[36m", "dim": "\033[2m", "bold": "\033[1m",
          "verified": "\033[32m", "mismatch": "\033[31m", "unreachable": "\033[31m", "unverifiable": "\033[33m",
          "not_applicable": "\033[2m"}
RESET = "\033[0m"


def render(report: Report, options: RenderOptions) -> str:
    paint = (lambda key, text: f"{COLORS[key]}{text}{RESET}") if options.color else (lambda key, text: text)
    lines: list[str] = []
    diff = report.baseline
    if diff is None:
        _findings(report.findings, paint, lines)
    else:
        # New problems first: they are the ones this change introduced.
        new = [f for f in report.findings if f.change == "new"]
        lines += [paint("bold", f"New since {log_safe(diff.path)} ({len(new)})"), ""]
        _findings(new, paint, lines)
        lines += [paint("bold", f"Unchanged since {log_safe(diff.path)} ({diff.unchanged})"), ""]
        _findings([f for f in report.findings if f.change != "new"], paint, lines)
        if diff.fixed:
            lines.append(paint("bold", f"Fixed since {log_safe(diff.path)} ({len(diff.fixed)})"))
            for old in diff.fixed:
                where = (old.get("location") or {}).get("path") or (old.get("location") or {}).get("url") or ""
                lines.append(f"  {log_safe(where)}  {log_safe(old.get('message') or '')}  "
                             f"{paint('dim', log_safe(old.get('rule') or ''))}")
            lines.append("")
    if report.channels:
        lines.append(paint("bold", "Channels"))
        for channel in report.channels:
            back = {True: "links back", False: "no link back", None: "link back unknown"}[channel.links_back]
            reason = f" — {log_safe(channel.reason)}" if channel.reason else ""
            lines.append(f"  {paint(channel.status, f'{channel.status:<14}')} {channel.platform:<16} "
                         f"{log_safe(channel.url)} ({back}){reason}")
        lines.append("")
    for note in report.notes:
        lines.append(paint("warning", f"note: {log_safe(note)}"))
    counts = report.counts()
    summary = (f"{report.pages} pages, {report.links} links, {len(report.channels)} channels: "
               f"{counts['error']} errors, {counts['warning']} warnings, {counts['notice']} notices")
    if diff is not None:
        summary += f" ({diff.new} new, {diff.unchanged} unchanged, {len(diff.fixed)} fixed since the baseline)"
    if not report.complete:
        summary += " (INCOMPLETE: interrupted or out of time; results so far)"
    lines.append(paint("bold", summary))
    # The text format is what most CI jobs print: no line of it may read as a workflow command,
    # whatever a crawled string or a fix spread over several lines put at its start.
    return defuse_commands("\n".join(lines)) + "\n"


def _findings(findings: Iterable[Finding], paint: Callable[[str, str], str], lines: list[str]) -> None:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        loc = finding.location
        groups[loc.path or loc.url or (f"channel: {finding.platform}" if finding.platform else "site")].append(finding)
    for where in sorted(groups):
        lines.append(paint("bold", log_safe(where)))
        for finding in sorted(groups[where], key=lambda f: (f.location.line or 0, f.location.column or 0)):
            position = f"{finding.location.line}:{finding.location.column or 1}" if finding.location.line else "-"
            lines.append(f"  {position:>8}  {paint(finding.severity, finding.severity):<7}  "
                         f"{log_safe(finding.message)}  {paint('dim', finding.rule)}")
            if finding.fix:
                fix = log_safe(finding.fix, keep_newlines=True).replace("\n", "\n                 ")
                lines.append(f"            fix: {fix}")
        lines.append("")


FORMAT = Format("text", ".txt", "Findings grouped by page, with fixes (default)", render)
