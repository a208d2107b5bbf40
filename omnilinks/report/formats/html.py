"""`html`: one self-contained page an agency hands to its client.

It reads top-down as a shop owner would: which site, when it was checked; what
is wrong in plain words, in plain groups; why the score is what it is; the
channels; the name/address/phone comparison; then one card per problem, with
the technical details (rule, file and line, exact fix) one click away in a
<details> element (no script needed).

No external assets (inline CSS and SVG, no scripts, no web fonts, no images by
URL): it opens offline and from an e-mail attachment. The only links are to the
rule catalogue. Every crawled string is made printable and HTML-escaped.

Score: 100 − 10 per error − 3 per warning − 1 per notice, where each rule counts
at most 3 of its findings (a template mistake repeated on 500 pages is one
problem to fix, not 500), clamped to 0…100. 90+ is good, 70+ fair, below poor.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from omnilinks.models import SEVERITY_ORDER, Finding, Report
from omnilinks.normalize.domain import same_host as same_site_host
from omnilinks.normalize.domain import url_host
from omnilinks.report import channelmap, naptable
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.html_cards import esc, problems_section, value_subject
from omnilinks.report.html_style import STYLE
from omnilinks.report.platforms import display_name, icon
from omnilinks.report.problems import (
    GROUPS,
    VERDICTS,
    Problem,
    channel_verdicts,
    display_path,
    group_of,
    page_address,
    problems,
)
from omnilinks.report.safe import clean_text
from omnilinks.rules.catalogue import docs_url

WEIGHTS = {"error": 10, "warning": 3, "notice": 1}
PER_RULE_CAP = 3
MAX_FIXED_SHOWN = 500
GRADE_WORDS = {"good": "Good", "fair": "Fair", "poor": "Needs work"}


def counted(findings: Iterable[Finding]) -> list[Finding]:
    """The findings the score counts: each rule's three most severe."""
    per_rule: Counter[str] = Counter()
    kept = []
    for finding in sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity]):
        if per_rule[finding.rule] < PER_RULE_CAP:
            per_rule[finding.rule] += 1
            kept.append(finding)
    return kept


def score(report: Report) -> int:
    return max(0, min(100, 100 - sum(WEIGHTS[f.severity] for f in counted(report.findings))))


def grade(value: int) -> str:
    return "good" if value >= 90 else "fair" if value >= 70 else "poor"


def site_label(report: Report) -> str:
    url = report.site_url or report.identity.website or report.target
    return urlsplit(url).hostname or url.rstrip("/").rsplit("/", 1)[-1] or url


def checked_at(report: Report) -> str:
    if not report.started_at:
        return ""
    try:
        when = datetime.fromisoformat(report.started_at.replace("Z", "+00:00"))
    except ValueError:
        return clean_text(report.started_at)
    return f"{when.day} {when:%B %Y, %H:%M} UTC"


def gauge(value: int) -> str:
    circumference = 2 * 3.14159 * 52
    filled = circumference * value / 100
    return (f'<svg class="gauge {grade(value)}" viewBox="0 0 120 120" role="img" aria-label="score {value} of 100">'
            '<circle cx="60" cy="60" r="52" class="track"/>'
            f'<circle cx="60" cy="60" r="52" class="arc" stroke-dasharray="{filled:.1f} {circumference:.1f}" '
            'transform="rotate(-90 60 60)"/>'
            f'<text x="60" y="68" class="gauge-value">{value}</text></svg>')


def header(report: Report) -> str:
    counts = report.counts()
    value = score(report)
    public = report.site_url or report.identity.website
    address = (f'<p class="site-url">{esc(public)}</p>' if public else
               f'<p class="site-url">{esc(display_path(report.target))} <small>(no public address given: set '
               "site.url in omnilinks.yml or --base-url)</small></p>")
    name = report.identity.name or site_label(report)
    when = checked_at(report)
    facts = [f"Checked {escape(when)}" if when else "", f"{report.pages} pages, {report.links} links, "
             f"{len(report.channels)} channels", f"omnilinks {esc(report.version)}"]
    notes = ('<p class="banner">Incomplete: the check was interrupted or ran out of time; '
             "these are the results so far.</p>") if not report.complete else ""
    notes += "".join(f'<p class="banner">Note: {esc(note)}</p>' for note in report.notes)
    return (f'<header class="top"><div class="who"><p class="eyebrow">Online presence check</p>'
            f'<h1>{esc(name)}</h1>{address}<p class="when">{" · ".join(f for f in facts if f)}</p></div>'
            f'<div class="scorebox">{gauge(value)}<div><div class="grade {grade(value)}">{GRADE_WORDS[grade(value)]}'
            f'</div><div class="tally"><span class="t-error">{counts["error"]} to fix</span>'
            f'<span class="t-warning">{counts["warning"]} to check</span>'
            f'<span class="t-notice">{counts["notice"]} for information</span></div>'
            f'{_change_counts(report)}<a class="small" href="#score">Why this score?</a></div></div></header>' + notes)


# Only a report compared with a baseline carries these, so other reports stay byte-for-byte as they were.
CHANGE_STYLE = (".count{display:inline-block;margin:4px 6px 4px 0;padding:2px 8px;border-radius:6px}"
                ".count.new{border:2px solid var(--err)}.count.fixed{border:2px solid #1a7f37}"
                ".count.fixed b{color:#1a7f37}.card-head .new{font-size:11px;font-weight:700;text-transform:uppercase;"
                "border-radius:4px;padding:1px 6px;flex:none;background:var(--err);color:#fff}"
                "ul.fixed s{color:var(--muted)}")


def _change_counts(report: Report) -> str:
    diff = report.baseline
    if diff is None:
        return ""
    return (f'<div class="changes"><div class="count new" title="compared with {esc(diff.path)}"><b>{diff.new}</b>new</div>'
            f'<div class="count fixed"><b>{len(diff.fixed)}</b>fixed</div></div>')


def fixed_section(report: Report) -> str:
    diff = report.baseline
    if diff is None or not diff.fixed:
        return ""
    items = "".join(f'<li><s>{esc(old.get("message") or "")}</s> <code>{esc(old.get("rule") or "")}</code></li>'
                    for old in diff.fixed[:MAX_FIXED_SHOWN])
    more = len(diff.fixed) - MAX_FIXED_SHOWN
    note = f'<p class="note">{more} more in the JSON report.</p>' if more > 0 else ""
    return (f"<section><h2>Fixed since the last check <small>({len(diff.fixed)})</small></h2>"
            f'<p class="note">Compared with {esc(diff.path)}.</p><ul class="fixed">{items}</ul>{note}</section>')


def _tile_subject(report: Report, problem: Problem) -> str:
    kind, subject = problem.key[0], problem.key[1] if len(problem.key) > 1 else ""
    if kind == "channel":
        channel = next(c for c in report.channels if c.url == subject)
        subject = f"{display_name(channel.platform)}: {channel.handle or urlsplit(channel.url).hostname or ''}"
    elif kind == "target":
        parts = urlsplit(subject)
        subject = (parts.path or subject) + (f"#{parts.fragment}" if parts.fragment else "") \
            if report.site_url and same_host(subject, report.site_url) else subject
    elif kind == "value":
        subject = value_subject(problem)
    else:
        return ""
    return f"<small>{esc(subject[:80])}</small>"


def same_host(a: str, b: str) -> bool:
    return same_site_host(url_host(a), url_host(b))


def summary_section(report: Report, found: list[Problem], verdicts: dict[str, str]) -> str:
    tiles = []
    for group in GROUPS:
        members = [p for p in found if p.group == group.id and p.severity != "notice"]
        if not members:
            tiles.append(f'<div class="tile clear"><h3>{group.title}</h3><p class="ok-line">Nothing to fix.</p></div>')
            continue
        items = "".join(f'<li><a href="#p{found.index(p) + 1}">{escape(p.titles[0])}</a>{_tile_subject(report, p)}</li>'
                        for p in members[:4])
        more = f'<li class="more">and {len(members) - 4} more</li>' if len(members) > 4 else ""
        worst = "error" if any(p.severity == "error" for p in members) else "warning"
        tiles.append(f'<div class="tile {worst}"><h3>{group.title} <span class="n">{len(members)}</span></h3>'
                     f'<p class="blurb">{group.blurb}</p><ul>{items}{more}</ul></div>')
    unknown = [c for c in report.channels if verdicts[c.url] == "unknown"]
    could_not = ""
    if unknown:
        names = ", ".join(esc(display_name(c.platform)) for c in unknown)
        could_not = (f'<p class="note">Could not be checked automatically (the platform hides it from visitors): '
                     f"{names}. Open them and check by hand.</p>")
    return f'<section class="summary"><h2>What to fix first</h2><div class="tiles">{"".join(tiles)}</div>{could_not}</section>'


def score_section(report: Report) -> str:
    value = score(report)
    kept = counted(report.findings)
    rows = []
    for group in GROUPS:
        lost = sum(WEIGHTS[f.severity] for f in kept if group_of(f) == group.id)
        without = max(0, min(100, 100 - sum(WEIGHTS[f.severity] for f in kept if group_of(f) != group.id)))
        raise_to = f"raises it to {without}" if lost and without > value else "—" if not lost else "helps, with the rest"
        rows.append(f'<tr><th scope="row">{group.title}</th><td class="num">{"−" + str(lost) if lost else "0"}</td>'
                    f"<td>{raise_to}</td></tr>")
    return (f'<section id="score"><h2>Why the score is {value}</h2>'
            "<p>Every check starts at 100. Each problem costs points: <b>10</b> for something to fix, <b>3</b> for "
            "something to check, <b>1</b> for information. A mistake repeated on many pages (one template) counts "
            f"at most {PER_RULE_CAP} times. 90 and above is good, 70 and above fair.</p>"
            '<table class="score-table"><thead><tr><th>Group</th><th class="num">Points</th>'
            f'<th>Fixing this group</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def channels_section(report: Report, verdicts: dict[str, str]) -> str:
    items = []
    for channel in report.channels:
        verdict = verdicts[channel.url]
        word, _ = VERDICTS[verdict]
        back = {True: "links back to your site", False: "does not link back to your site",
                None: "link back not checked"}[channel.links_back]
        if channel.status == "not_applicable":
            back = "no link back expected"
        handle = channel.handle or urlsplit(channel.url).hostname or channel.url
        reason = f'<p class="reason">{esc(channel.reason)}</p>' if channel.reason else ""
        items.append(f'<li class="ch {verdict}">{icon(channel.platform, 32)}<div class="ch-body">'
                     f'<div class="ch-head"><b>{esc(display_name(channel.platform))}</b>'
                     f'<span class="pill {verdict}">{word}</span></div>'
                     f'<p class="ch-handle">{esc(handle)} · {back}</p>{reason}</div></li>')
    listing = f'<ul class="channel-list">{"".join(items)}</ul>' if items else '<p class="note">No channels declared or linked.</p>'
    return (f'<section><h2>Your channels</h2><div class="map-wrap">'
            f'{channelmap.render_map(report, site_label(report), verdicts)}{channelmap.render_legend()}</div>{listing}</section>')


def _cell_html(cell: naptable.Cell) -> str:
    if cell.values:
        text = "<br>".join(esc(v) for v in cell.values)
    else:
        text = {"disagree": "differs", "unreadable": "not readable"}.get(cell.state, "—")
    mark = {"disagree": "≠ ", "agree": "✓ "}.get(cell.state, "")
    written = (f'<div class="written">written {", ".join(esc(w) for w in cell.written)}</div>'
               if cell.written and cell.state != "reference" else "")
    return f"{mark}{text}{written}"


def nap_section(report: Report) -> str:
    table = naptable.build(report)
    head = "".join(f"<th>{name.capitalize()}</th>" for name in naptable.FIELDS)
    rows = []
    for row in table.rows:
        if row.kind == "channel":
            label, detail = display_name(row.label), row.detail
            label = f"{icon(row.label, 18)} {esc(label)}"
        elif row.kind == "page":
            label, detail = esc(page_address(report, row.label, None)), ""
        else:
            label, detail = "Your details", "from omnilinks.yml" if report.config_path else "read from your pages"
        cells = "".join(f'<td class="{row.cells[name].state} {name}" data-label="{name.capitalize()}">'
                        f"{_cell_html(row.cells[name])}</td>" for name in naptable.FIELDS)
        sub = f'<div class="sub">{esc(detail)}</div>' if detail else ""
        rows.append(f'<tr class="{row.kind}"><th scope="row">{label}{sub}</th>{cells}</tr>')
    more = (f'<p class="note">{table.hidden_pages} more pages with the same facts are not shown.</p>'
            if table.hidden_pages else "")
    return ('<section><h2>Name, address, phone: everywhere compared</h2>'
            '<p class="note">Values are compared by meaning, not spelling: <b>021-5550123</b> and '
            '<b>+62 21 5550123</b> are the same number (✓); ≠ marks a real difference. A dash means the source '
            "does not state it.</p>"
            f'<table class="nap"><thead><tr><th>Where</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{more}</section>')


def render(report: Report, options: RenderOptions) -> str:
    title = f"Online presence check: {clean_text(report.identity.name or site_label(report))}"
    found = problems(report)
    verdicts = channel_verdicts(report)  # one pass over the findings, shared by the summary, map and list
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">"
            f"<title>{escape(title)}</title><style>{STYLE}{CHANGE_STYLE if report.baseline else ''}</style></head><body><main>"
            f"{header(report)}{summary_section(report, found, verdicts)}{channels_section(report, verdicts)}{nap_section(report)}"
            f"{problems_section(report, found)}{fixed_section(report)}{score_section(report)}"
            f'<footer>omnilinks {esc(report.version)} · every rule explained: '
            f'<a href="{escape(docs_url())}">rule catalogue</a></footer></main></body></html>\n')


FORMAT = Format("html", ".html", "Self-contained HTML report for clients: summary, channels, NAP table, fixes", render)
