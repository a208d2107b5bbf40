"""`github`: workflow-command annotations for GitHub Actions.

One line per finding, `::error file=F,line=L,col=C,title=T::MESSAGE`, escaped
the way the runner unescapes (actions/toolkit command.ts): the message gets
`%`, CR and LF percent-encoded, property values also `:` and `,`.

Crawled text is untrusted. Every string is made printable (safe.clean_text:
newlines and control characters cannot survive, so a message stays on its
line), `##[` is defused anywhere and `::` at the start of a string, then it is
escaped; so the only `::` a runner can see at the start of a line is ours.

Findings that source mapping puts on the same source line (a footer template
mistake seen on every built page) become one annotation listing the built
pages. The runner shows 10 error, 10 warning and 10 notice annotations per
step: the most severe are emitted first, at most 10 of each, then one notice
says how many more there are (notices stop at 9 so that notice itself shows).
When GITHUB_STEP_SUMMARY is set, the full Markdown report is appended to it.
"""
from __future__ import annotations

import os
import weakref

from omnilinks.models import SEVERITY_ORDER, Report
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.formats import markdown
from omnilinks.report.locate import Annotation, built_suffix, group_annotations, locator
from omnilinks.report.safe import clean_text, defuse_commands
from omnilinks.rules.catalogue import rule_catalogue, rule_url

SHOWN_PER_SEVERITY = 10
MESSAGE_LIMIT = 3800  # the runner cuts annotation text near 4 KB
PROPERTY_LIMIT = 400
_summarised: weakref.WeakKeyDictionary[Report, set[str]] = weakref.WeakKeyDictionary()


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def untrusted(value: object, limit: int) -> str:
    """Printable, command-free, bounded; escaping comes after."""
    text = defuse_commands(clean_text(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def command(severity: str, message: str, properties: dict[str, object] | None = None) -> str:
    props = ",".join(f"{key}={escape_property(untrusted(value, PROPERTY_LIMIT))}"
                     for key, value in (properties or {}).items() if value not in (None, ""))
    head = f"{severity} {props}" if props else severity
    return f"::{head}::{escape_data(untrusted(message, MESSAGE_LIMIT))}"


def annotation(item: Annotation) -> str:
    finding = item.finding
    text = finding.message
    if finding.fix:
        text += f" — fix: {finding.fix}"
    text += built_suffix(item.built)
    if item.place is None and finding.location.url:
        text += f" (on {finding.location.url})"
    properties: dict[str, object] = {}
    place = item.place
    if place is not None:
        properties["file"] = place.path
        if place.line:
            properties["line"] = place.line
            if place.column:
                properties["col"] = place.column
    properties["title"] = title(finding.rule, finding.change == "new")
    return command(finding.severity, text, properties)


TITLE_LIMIT = 160  # the annotation title is one line in the checks UI; a longer docs URL is left out


def title(rule_id: str, new: bool = False) -> str:
    """`omnilinks RULE (docs URL)`: the rule's catalogue entry, when the rule is declared and the URL fits;
    `(new)` after the id when a baseline did not have the finding."""
    short = f"omnilinks {rule_id}" + (" (new)" if new else "")
    if rule_id not in rule_catalogue():
        return short
    full = f"{short} ({rule_url(rule_id)})"
    return full if len(full) <= TITLE_LIMIT else short


def select(items: list[Annotation]) -> tuple[list[Annotation], dict[str, int]]:
    """The annotations to emit (most severe first) and, per severity, how many findings are left out."""
    shown: list[Annotation] = []
    taken = {"error": 0, "warning": 0, "notice": 0}
    for item in items:
        if taken[item.finding.severity] < SHOWN_PER_SEVERITY:
            shown.append(item)
            taken[item.finding.severity] += 1
    hidden = {s: sum(i.count for i in items if i.finding.severity == s)
                 - sum(i.count for i in shown if i.finding.severity == s) for s in taken}
    if any(hidden.values()) and taken["notice"] == SHOWN_PER_SEVERITY:
        dropped = [i for i in shown if i.finding.severity == "notice"][-1]  # room for the "more" notice
        shown.remove(dropped)
        hidden["notice"] += dropped.count
    return shown, hidden


def render(report: Report, options: RenderOptions) -> str:
    # With a baseline, the new findings take the few annotations the runner shows.
    ordered = sorted(report.findings,
                     key=lambda f: (SEVERITY_ORDER[f.severity], f.change == "unchanged", *f.sort_key()))
    shown, hidden = select(group_annotations(ordered, locator(report, options)))
    lines = [annotation(item) for item in shown]
    more = sum(hidden.values())
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    notes = [clean_text(note) for note in report.notes]
    if not report.complete and not notes:
        notes.append("The run was interrupted or ran out of time: these are partial results.")
    if more or notes:
        parts = []
        if more:
            where = "the job summary" if summary_path else "the full report (--report markdown=FILE or html=FILE)"
            parts.append(f"{more} more findings not shown as annotations ({hidden['error']} errors, "
                         f"{hidden['warning']} warnings, {hidden['notice']} notices): see {where}.")
        parts.extend(f"Note: {note}." for note in notes)
        lines.append(command("notice", " ".join(parts), {"title": "omnilinks"}))
    if summary_path:
        append_step_summary(report, options, summary_path)
    return "\n".join(lines) + ("\n" if lines else "")


def append_step_summary(report: Report, options: RenderOptions, path: str) -> None:
    """Append, never overwrite: the file may already hold earlier output of this step."""
    done = _summarised.setdefault(report, set())
    if path in done:
        return
    done.add(path)
    with open(path, "a", encoding="utf-8") as handle:
        if handle.tell() > 0:
            handle.write("\n")
        handle.write(markdown.render(report, options))


FORMAT = Format("github", ".txt", "GitHub Actions annotations (+ job summary when GITHUB_STEP_SUMMARY is set)", render)
