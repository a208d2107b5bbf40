"""The NAP comparison: each source of business facts (row) × each field (column).

Sources: the reference identity (omnilinks.yml, or inferred from the pages),
every page a finding says disagrees (with the value it states), and every
channel with what it was read to state. A cell disagrees when a nap/brand/schema finding names that
source and field; the rules did the comparing (normalised phones, addresses…),
this only lays their verdicts out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from omnilinks.models import Finding, Profile, Report
from omnilinks.report.locate import channel_of

FIELDS = ("name", "phone", "email", "address", "hours")
COMPARED = ("nap", "brand", "schema")
MAX_PAGE_ROWS = 30


@dataclass
class Cell:
    values: list[str] = field(default_factory=list)
    state: str = "empty"  # reference | agree | disagree | empty | unreadable

    def add(self, value: object) -> None:
        text = str(value).strip() if value is not None else ""
        if text and text not in self.values:
            self.values.append(text)


@dataclass
class Row:
    label: str
    kind: str  # reference | page | channel
    detail: str = ""
    cells: dict[str, Cell] = field(default_factory=lambda: {f: Cell() for f in FIELDS})

    @property
    def disagreements(self) -> int:
        return sum(1 for c in self.cells.values() if c.state == "disagree")


@dataclass
class NapTable:
    rows: list[Row]
    hidden_pages: int = 0


def _compared(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.category in COMPARED and f.field in FIELDS]


def build(report: Report) -> NapTable:
    identity = report.identity
    reference = Row("Reference", "reference",
                    "omnilinks.yml" if report.config_path else "inferred from the pages")
    for name in FIELDS:
        cell = reference.cells[name]
        cell.add(getattr(identity, name))
        cell.state = "reference" if cell.values else "empty"
    inferred = [f for f in FIELDS if f in identity.inferred]
    if inferred and report.config_path:
        reference.detail += f"; inferred: {', '.join(inferred)}"
    findings = _compared(report)
    pages: dict[str, Row] = {}

    def page_row(path: str) -> Row:
        return pages.setdefault(path, Row(path, "page"))

    channel_rows = [_channel_row(report, channel) for channel in report.channels]
    for finding in findings:
        channel = channel_of(report, finding) if finding.platform and finding.platform != "website" else None
        if channel is not None:
            row = channel_rows[report.channels.index(channel)]
        elif finding.location.path:
            row = page_row(finding.location.path)
        else:
            continue
        cell = row.cells[finding.field or ""]
        cell.add(finding.actual)
        cell.state = "disagree"
        for other in finding.related:
            if other.path:
                related = page_row(other.path).cells[finding.field or ""]
                related.state = "disagree"
    for row in [*pages.values(), *channel_rows]:
        for name, cell in row.cells.items():
            if cell.state == "empty" and cell.values:
                cell.state = "agree" if reference.cells[name].values else "empty"
    ordered = sorted(pages.values(), key=lambda r: (-r.disagreements, r.label))
    shown = ordered[:MAX_PAGE_ROWS]
    return NapTable([reference, *shown, *channel_rows], hidden_pages=len(ordered) - len(shown))


def _channel_row(report: Report, channel: Profile) -> Row:
    row = Row(channel.platform, "channel", channel.handle or channel.url)
    for name in FIELDS:
        cell = row.cells[name]
        cell.add(getattr(channel, name, None))
        if not cell.values and channel.status in ("unverifiable", "unreachable"):
            cell.state = "unreadable"
    return row
