"""The NAP comparison: each source of business facts (row) × each field (column).

Sources: the reference identity (omnilinks.yml, or inferred from the pages),
every page a finding names (with the value it states), and every channel with
what it was read to state. Values are compared in normal form (E.164 phones,
parsed hours, matched addresses and names): a finding about how a value is
*written* (a phone without its country code) does not make an equal value a
disagreement; the written form is kept as a note on the cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from omnilinks.models import Finding, Identity, Profile, Report
from omnilinks.normalize.address import addresses_match
from omnilinks.normalize.email import normalize_email
from omnilinks.normalize.hours import parse_hours
from omnilinks.normalize.name import names_match
from omnilinks.normalize.phone import international_phone, normalize_phone
from omnilinks.report.locate import channel_of

FIELDS = ("name", "phone", "email", "address", "hours")
COMPARED = ("nap", "brand", "schema")
MAX_PAGE_ROWS = 30


def shown(name: str, value: str, identity: Identity) -> str:
    """The value in the form the table compares: phones in international form, the rest as written."""
    if name == "phone":
        e164 = normalize_phone(value, identity.country)
        return international_phone(e164) if e164 else value
    return value


def same_value(name: str, value: str, reference: str | None, identity: Identity) -> bool:
    """Whether `value` states the reference fact, however it is written."""
    if not reference:
        return False
    if name == "phone":
        return normalize_phone(value, identity.country) == normalize_phone(reference, identity.country) is not None
    if name == "email":
        return normalize_email(value) == normalize_email(reference) is not None
    if name == "hours":
        return parse_hours(value) == parse_hours(reference) is not None
    if name == "address":
        return addresses_match(reference, value)
    return names_match(reference, value, aliases=identity.aliases)


@dataclass
class Cell:
    """One field of one source in the NAP table: what the source states, and how it compares with the reference."""

    values: list[str] = field(default_factory=list)
    state: str = "empty"  # reference | agree | disagree | empty | unreadable
    written: list[str] = field(default_factory=list)  # other ways the values were written

    def add(self, value: object, name: str = "", identity: Identity | None = None) -> None:
        text = str(value).strip() if value is not None else ""
        if not text:
            return
        normal = shown(name, text, identity) if identity is not None else text
        if normal not in self.values:
            self.values.append(normal)
        if _digits_and_letters(normal) != _digits_and_letters(text) and text not in self.written:
            self.written.append(text)


@dataclass
class Row:
    """One source of business facts in the NAP table: the reference, a page or a channel."""

    label: str
    kind: str  # reference | page | channel
    detail: str = ""
    cells: dict[str, Cell] = field(default_factory=lambda: {f: Cell() for f in FIELDS})

    @property
    def disagreements(self) -> int:
        return sum(1 for c in self.cells.values() if c.state == "disagree")


@dataclass
class NapTable:
    """The NAP comparison as the report formats draw it, the reference row first."""

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
        cell.add(getattr(identity, name), name, identity)
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
        name = finding.field or ""
        cell = row.cells[name]
        cell.add(finding.actual, name, identity)
        differs = not (finding.actual and same_value(name, finding.actual, _reference_for(row, name, identity), identity))
        if differs:
            cell.state = "disagree"
            for other in finding.related:
                if other.path:
                    page_row(other.path).cells[name].state = "disagree"
    for row in [*pages.values(), *channel_rows]:
        for name, cell in row.cells.items():
            reference_value = _reference_for(row, name, identity)
            if cell.state == "empty" and cell.values and reference_value:
                agrees = all(same_value(name, value, reference_value, identity) for value in cell.values)
                cell.state = "agree" if agrees else "disagree"
    ordered = sorted(pages.values(), key=lambda r: (-r.disagreements, r.label))
    shown = ordered[:MAX_PAGE_ROWS]
    return NapTable([reference, *shown, *channel_rows], hidden_pages=len(ordered) - len(shown))


def _channel_row(report: Report, channel: Profile) -> Row:
    row = Row(channel.platform, "channel", channel.handle or channel.url)
    for name in FIELDS:
        cell = row.cells[name]
        cell.add(getattr(channel, name, None), name, report.identity)
        if not cell.values and channel.status in ("unverifiable", "unreachable"):
            cell.state = "unreadable"
    return row


def _reference_for(row: Row, name: str, identity: Identity) -> str | None:
    # A WhatsApp channel's number is the WhatsApp number, not the shop's phone.
    if name == "phone" and row.kind == "channel" and row.label == "whatsapp":
        return identity.whatsapp
    value: str | None = getattr(identity, name)
    return value


def _digits_and_letters(text: str) -> str:
    """A written form worth a note differs in more than spacing and punctuation."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
