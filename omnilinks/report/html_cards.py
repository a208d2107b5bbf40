"""The HTML report's problem cards: one per problem, plain words first, the technical details folded.

A card says what is wrong (the plain title of each rule involved), about what
(the link, channel or value), what it should be, why it matters and what to do
(the rule catalogue's texts), and where (page URLs); the rule ids linked to the
catalogue, files and lines and each finding's exact fix are in a <details>.
"""
from __future__ import annotations

from html import escape

from omnilinks.models import Report
from omnilinks.report.logo_pair import logo_pair
from omnilinks.report.platforms import display_name, icon
from omnilinks.report.problems import GROUP_BY_ID, GROUPS, Problem, display_path, page_address
from omnilinks.report.safe import clean_text
from omnilinks.rules.catalogue import rule_catalogue, rule_url

MISSING_IS_EXPECTED = {"schema-sameas-missing"}  # rules whose `expected` names what is missing, `actual` what is there
MAX_PROBLEMS_PER_GROUP = 2000
PLACES_SHOWN = 5


def esc(value: object, keep_newlines: bool = False) -> str:
    return escape(clean_text(value, keep_newlines=keep_newlines))


def inline_code(text: str) -> str:
    """Catalogue text, escaped, with its `code` spans as <code>."""
    parts = esc(text).split("`")
    return "".join(f"<code>{part}</code>" if number % 2 else part for number, part in enumerate(parts))


def value_subject(problem: Problem) -> str:
    lead = problem.lead
    if lead.rule in MISSING_IS_EXPECTED:
        return f"missing: {lead.expected or ''}"
    return lead.actual or ""


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
        return f"{esc(problem.key[1])}: “{esc(value_subject(problem))}”"
    return ""


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
        # fix is known.how_to_fix, a str, whenever that is set
        step = inline_code(fix) if known and known.how_to_fix else esc(  # type: ignore[arg-type]
            fix, keep_newlines=True) if fix else ""
        if step and step not in steps:
            steps.append(step)
    body = f"<p>{steps[0]}</p>" if len(steps) == 1 else "<ul>" + "".join(f"<li>{step}</li>" for step in steps) + "</ul>"
    todo = f'<div class="fix"><b>What to do</b>{body}</div>' if steps else ""
    lead = problem.lead
    should = (f'<p class="should">Should be: <b>{esc(lead.expected)}</b></p>'
              if lead.expected and lead.rule not in MISSING_IS_EXPECTED and problem.key[0] != "channel" else "")
    badge = {"error": "Fix", "warning": "Check", "notice": "Info"}[problem.severity]
    new = '<span class="new">new</span>' if _is_new(problem) else ""
    thumbnails = dict(report.thumbnails)
    pictures = "".join(logo_pair(f, thumbnails) for f in problem.findings)
    return (f'<article class="card {problem.severity}" id="p{number}"><div class="card-head">'
            f'<span class="badge">{badge}</span>{new}<h4>{escape(titles[0])}</h4></div>{also}'
            f'{"<p class=subject>" + subject + "</p>" if subject else ""}{should}{pictures}{why}{where}{todo}'
            f"{technical(report, problem)}"
            "</article>")


def problems_section(report: Report, found: list[Problem]) -> str:
    """`found` in report order; a card's number (its anchor, #pN) is its place in that order."""
    if not found:
        return '<section><h2>Problems</h2><p class="clean">No problems found: every check passed.</p></section>'
    parts = ["<section><h2>Problems, one card each</h2>"]
    numbered = list(enumerate(found, start=1))
    for group_id in [g.id for g in GROUPS]:
        # New problems first when the run was compared with a baseline (the stable sort keeps the rest in order).
        members = sorted(((n, p) for n, p in numbered if p.group == group_id), key=lambda item: not _is_new(item[1]))
        if not members:
            continue
        parts.append(f"<h3>{GROUP_BY_ID[group_id].title} <small>({len(members)})</small></h3>")
        parts.extend(problem_card(report, p, n) for n, p in members[:MAX_PROBLEMS_PER_GROUP])
        if len(members) > MAX_PROBLEMS_PER_GROUP:
            parts.append(f'<p class="note">{len(members) - MAX_PROBLEMS_PER_GROUP} more in the JSON report.</p>')
    parts.append("</section>")
    return "".join(parts)


def _is_new(problem: Problem) -> bool:
    return any(f.change == "new" for f in problem.findings)
