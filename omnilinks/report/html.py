"""`html`: one self-contained page an agency hands to its client.

It reads top-down as a shop owner would: which site, when it was checked; what
is wrong in plain words, in four groups; why the score is what it is; the
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
from omnilinks.report import channelmap, naptable
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.html_style import STYLE
from omnilinks.report.platforms import display_name, icon
from omnilinks.report.problems import (
    GROUP_BY_ID,
    GROUPS,
    VERDICTS,
    Problem,
    channel_verdict,
    display_path,
    group_of,
    page_address,
    problems,
)
from omnilinks.report.safe import clean_text
from omnilinks.rules.catalogue import docs_url, rule_catalogue, rule_url

WEIGHTS = {"error": 10, "warning": 3, "notice": 1}
PER_RULE_CAP = 3
MAX_PROBLEMS_PER_GROUP = 2000
PLACES_SHOWN = 5
MISSING_IS_EXPECTED = {"schema-sameas-missing"}  # rules whose `expected` names what is missing, `actual` what is there
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


def esc(value: object, keep_newlines: bool = False) -> str:
    return escape(clean_text(value, keep_newlines=keep_newlines))


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
            '<a class="small" href="#score">Why this score?</a></div></div></header>' + notes)


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
        subject = _value_subject(problem)
    else:
        return ""
    return f"<small>{esc(subject[:80])}</small>"


def _value_subject(problem: Problem) -> str:
    lead = problem.lead
    if lead.rule in MISSING_IS_EXPECTED:
        return f"missing: {lead.expected or ''}"
    return lead.actual or ""


def same_host(a: str, b: str) -> bool:
    return (urlsplit(a).hostname or "").removeprefix("www.") == (urlsplit(b).hostname or "").removeprefix("www.")


def summary_section(report: Report, found: list[Problem]) -> str:
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
    unknown = [c for c in report.channels if channel_verdict(report, c) == "unknown"]
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


def channels_section(report: Report) -> str:
    items = []
    for channel in report.channels:
        verdict = channel_verdict(report, channel)
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
            f'{channelmap.render_map(report, site_label(report))}{channelmap.render_legend()}</div>{listing}</section>')


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


def _places(report: Report, problem: Problem) -> list[str]:
    places: list[str] = []
    for finding in problem.findings:
        for loc in (finding.location, *finding.related):
            if loc.path and loc.path.endswith((".yml", ".yaml")):
                continue  # a channel finding points at its line in omnilinks.yml: not a page
            where = page_address(report, loc.path, loc.url)
            if where and where not in places:
                places.append(where)
    return places


def _subject(report: Report, problem: Problem) -> str:
    kind = problem.key[0]
    if kind == "channel":
        channel = next(c for c in report.channels if c.url == problem.key[1])
        return f"{icon(channel.platform, 18)} {esc(display_name(channel.platform))}: {esc(channel.url)}"
    if kind == "target":
        return esc(problem.key[1])
    if kind == "value":
        return f"{esc(problem.key[1])}: “{esc(_value_subject(problem))}”"
    return ""


def inline_code(text: str) -> str:
    """Catalogue text, escaped, with its `code` spans as <code>."""
    parts = esc(text).split("`")
    return "".join(f"<code>{part}</code>" if number % 2 else part for number, part in enumerate(parts))


def technical(report: Report, problem: Problem) -> str:
    rows = []
    for finding in problem.findings:
        loc = finding.location
        where = f"{display_path(loc.path)}:{loc.line}" if loc.path and loc.line else display_path(loc.path or "") or loc.url or ""
        fix = f'<pre>Exact fix: {esc(finding.fix, keep_newlines=True)}</pre>' if finding.fix else ""
        rows.append(f'<li><a href="{escape(rule_url(finding.rule))}"><code>{esc(finding.rule)}</code></a> '
                    f'<span class="sev-{finding.severity}">{finding.severity}</span>'
                    f'{" · <code>" + esc(where) + "</code>" if where else ""}<div>{esc(finding.message)}</div>{fix}</li>')
    return f'<details><summary>Technical details</summary><ul class="tech">{"".join(rows)}</ul></details>'


def problem_card(report: Report, problem: Problem, number: int) -> str:
    titles = problem.titles
    also = "".join(f"<li>{escape(t)}</li>" for t in titles[1:])
    also = f'<ul class="also">{also}</ul>' if also else ""
    subject = _subject(report, problem)
    places = _places(report, problem)
    shown = "".join(f"<li>{esc(p)}</li>" for p in places[:PLACES_SHOWN])
    more = f"<li>and {len(places) - PLACES_SHOWN} more</li>" if len(places) > PLACES_SHOWN else ""
    where = f'<div class="where"><b>Where</b><ul>{shown}{more}</ul></div>' if places else ""
    catalogue = rule_catalogue()
    declared = catalogue.get(problem.lead.rule)
    why = f'<p class="why">{inline_code(declared.why)}</p>' if declared and declared.why else ""
    steps = []
    for rule_id in problem.rules:  # each rule's fix once; a rule without catalogue texts gives its finding's fix
        known = catalogue.get(rule_id)
        fix = known.how_to_fix if known and known.how_to_fix else next(
            (f.fix for f in problem.findings if f.rule == rule_id and f.fix), None)
        step = inline_code(fix) if known and known.how_to_fix else esc(fix, keep_newlines=True) if fix else ""
        if step and step not in steps:
            steps.append(step)
    body = f"<p>{steps[0]}</p>" if len(steps) == 1 else "<ul>" + "".join(f"<li>{step}</li>" for step in steps) + "</ul>"
    todo = f'<div class="fix"><b>What to do</b>{body}</div>' if steps else ""
    lead = problem.lead
    should = (f'<p class="should">Should be: <b>{esc(lead.expected)}</b></p>'
              if lead.expected and lead.rule not in MISSING_IS_EXPECTED and problem.key[0] != "channel" else "")
    badge = {"error": "Fix", "warning": "Check", "notice": "Info"}[problem.severity]
    return (f'<article class="card {problem.severity}" id="p{number}"><div class="card-head">'
            f'<span class="badge">{badge}</span><h4>{escape(titles[0])}</h4></div>{also}'
            f'{"<p class=subject>" + subject + "</p>" if subject else ""}{should}{why}{where}{todo}'
            f"{technical(report, problem)}"
            "</article>")


def problems_section(report: Report, found: list[Problem]) -> str:
    if not found:
        return '<section><h2>Problems</h2><p class="clean">No problems found: every check passed.</p></section>'
    parts = ["<section><h2>Problems, one card each</h2>"]
    for group_id in [g.id for g in GROUPS]:
        members = [p for p in found if p.group == group_id]
        if not members:
            continue
        parts.append(f"<h3>{GROUP_BY_ID[group_id].title} <small>({len(members)})</small></h3>")
        parts.extend(problem_card(report, p, found.index(p) + 1) for p in members[:MAX_PROBLEMS_PER_GROUP])
        if len(members) > MAX_PROBLEMS_PER_GROUP:
            parts.append(f'<p class="note">{len(members) - MAX_PROBLEMS_PER_GROUP} more in the JSON report.</p>')
    parts.append("</section>")
    return "".join(parts)


def render(report: Report, options: RenderOptions) -> str:
    title = f"Online presence check: {clean_text(report.identity.name or site_label(report))}"
    found = problems(report)
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>"
            f"{header(report)}{summary_section(report, found)}{channels_section(report)}{nap_section(report)}"
            f"{problems_section(report, found)}{score_section(report)}"
            f'<footer>omnilinks {esc(report.version)} · every rule explained: '
            f'<a href="{escape(docs_url())}">rule catalogue</a></footer></main></body></html>\n')


FORMAT = Format("html", ".html", "Self-contained HTML report for clients: summary, channels, NAP table, fixes", render)
