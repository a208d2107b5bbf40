"""`html`: one self-contained page for agencies and their clients.

No external assets (inline CSS and SVG, no scripts, no web fonts, no images by
URL): it opens offline and from an e-mail attachment. Every crawled string is
made printable and HTML-escaped.

Score: 100 − 10 per error − 3 per warning − 1 per notice, where each rule counts
at most 3 of its findings (a template mistake repeated on 500 pages is one
problem to fix, not 500), clamped to 0…100. 90+ is good, 70+ fair, below poor.
"""
from __future__ import annotations

from collections import Counter
from html import escape
from urllib.parse import urlsplit

from omnilinks.models import CATEGORIES, SEVERITY_ORDER, Finding, Report
from omnilinks.report import channelmap, naptable
from omnilinks.report.base import Format, RenderOptions
from omnilinks.report.html_style import STYLE
from omnilinks.report.logo_pair import logo_pair
from omnilinks.report.markdown import CATEGORY_TITLE
from omnilinks.report.safe import clean_text

WEIGHTS = {"error": 10, "warning": 3, "notice": 1}
PER_RULE_CAP = 3
MAX_FINDINGS_PER_CATEGORY = 2000


def score(report: Report) -> int:
    per_rule: Counter[str] = Counter()
    penalty = 0
    for finding in sorted(report.findings, key=lambda f: SEVERITY_ORDER[f.severity]):
        if per_rule[finding.rule] < PER_RULE_CAP:
            per_rule[finding.rule] += 1
            penalty += WEIGHTS[finding.severity]
    return max(0, min(100, 100 - penalty))


def grade(value: int) -> str:
    return "good" if value >= 90 else "fair" if value >= 70 else "poor"


def esc(value: object, keep_newlines: bool = False) -> str:
    return escape(clean_text(value, keep_newlines=keep_newlines))


def site_label(report: Report) -> str:
    url = report.identity.website or report.target
    return urlsplit(url).hostname or url.rstrip("/").rsplit("/", 1)[-1] or url


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
    name = report.identity.name or site_label(report)
    incomplete = ('<p class="banner">Incomplete: the run was interrupted or ran out of time; '
                  "these are the results so far.</p>") if not report.complete else ""
    incomplete += "".join(f'<p class="banner">Note: {esc(note)}</p>' for note in report.notes)
    return (f'<header><div class="score">{gauge(value)}<div><div class="score-label">'
            f'Presence score · {grade(value)}</div><h1>{esc(name)}</h1><p class="target">{esc(report.target)}</p>'
            f'<p class="stats">{report.pages} pages · {report.links} links · {len(report.channels)} channels</p>'
            f'</div></div><div class="counts">'
            f'<div class="count error"><b>{counts["error"]}</b>errors</div>'
            f'<div class="count warning"><b>{counts["warning"]}</b>warnings</div>'
            f'<div class="count notice"><b>{counts["notice"]}</b>notices</div>{_change_counts(report)}</div>'
            f'</header>{incomplete}'
            f'<p class="how">Score: 100 − 10 per error − 3 per warning − 1 per notice, each rule counted at most '
            f"{PER_RULE_CAP} times, kept between 0 and 100.</p>")


# Only a report compared with a baseline carries these, so other reports stay byte-for-byte as they were.
CHANGE_STYLE = (".count.new{border:2px solid var(--err)}.count.fixed{border:2px solid #1a7f37}"
                ".count.fixed b{color:#1a7f37}.line1 .new{font-size:11px;font-weight:700;text-transform:uppercase;"
                "border-radius:4px;padding:1px 6px;flex:none;background:var(--err);color:#fff}"
                "ul.fixed s{color:var(--muted)}")


def _change_counts(report: Report) -> str:
    diff = report.baseline
    if diff is None:
        return ""
    return (f'<div class="count new" title="compared with {esc(diff.path)}"><b>{diff.new}</b>new</div>'
            f'<div class="count fixed"><b>{len(diff.fixed)}</b>fixed</div>')


def fixed_section(report: Report) -> str:
    diff = report.baseline
    if diff is None or not diff.fixed:
        return ""
    items = "".join(f'<li><s>{esc(old.get("message") or "")}</s> <code>{esc(old.get("rule") or "")}</code></li>'
                    for old in diff.fixed[:MAX_FINDINGS_PER_CATEGORY])
    more = len(diff.fixed) - MAX_FINDINGS_PER_CATEGORY
    note = f'<p class="note">{more} more in the JSON report.</p>' if more > 0 else ""
    return (f"<section><h2>Fixed since the last check <small>({len(diff.fixed)})</small></h2>"
            f'<p class="note">Compared with {esc(diff.path)}.</p><ul class="fixed">{items}</ul>{note}</section>')


def channels_section(report: Report) -> str:
    rows = []
    for channel in report.channels:
        back = {True: "yes", False: "no", None: "unknown"}[channel.links_back]
        rows.append(f'<tr><td>{esc(channel.platform)}</td><td class="url">{esc(channel.url)}</td>'
                    f'<td><span class="status {escape(channel.status)}">{esc(channel.status.replace("_", " "))}'
                    f'</span></td><td>{back}</td><td>{esc(channel.reason or "")}</td>'
                    f'<td>{esc(channel.evidence or "")}</td></tr>')
    table = ('<table class="channels"><thead><tr><th>Platform</th><th>Channel</th><th>Status</th>'
             '<th>Links back</th><th>Reason</th><th>Evidence</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>") if rows else ""
    return (f'<section><h2>Channel map</h2>{channelmap.render_map(report, site_label(report))}'
            f"{channelmap.render_legend()}{table}</section>")


CELL_MARK = {"disagree": "≠ ", "agree": "", "reference": "", "empty": "", "unreadable": ""}


def nap_section(report: Report) -> str:
    table = naptable.build(report)
    head = "".join(f"<th>{name}</th>" for name in naptable.FIELDS)
    rows = []
    for row in table.rows:
        cells = []
        for name in naptable.FIELDS:
            cell = row.cells[name]
            if cell.values:
                text = "<br>".join(esc(v) for v in cell.values)
            else:
                text = {"disagree": "differs", "unreadable": "not readable"}.get(cell.state, "—")
            title = ' title="disagrees with the reference"' if cell.state == "disagree" else ""
            cells.append(f'<td class="{cell.state} {name}"{title}>{CELL_MARK[cell.state]}{text}</td>')
        detail = f'<div class="sub">{esc(row.detail)}</div>' if row.detail else ""
        rows.append(f'<tr class="{row.kind}"><th scope="row">{esc(row.label)}{detail}</th>{"".join(cells)}</tr>')
    more = (f'<p class="note">{table.hidden_pages} more pages with the same facts are not shown.</p>'
            if table.hidden_pages else "")
    return ('<section><h2>Name, address, phone: the sources compared</h2>'
            '<p class="note">Cells marked ≠ disagree with the reference. Pages are listed when one of their values '
            'disagrees; a dash on a page means no disagreement was found for that field, on a channel that the '
            'channel does not show it.</p>'
            f'<div class="scroll"><table class="nap"><thead><tr><th>Source</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>{more}</section>')


def finding_card(finding: Finding, picture: str = "") -> str:
    where = finding.location.short() or (f"channel: {finding.platform}" if finding.platform else "site")
    facts = []
    for label, value in (("expected", finding.expected), ("actual", finding.actual), ("target", finding.target)):
        if value:
            facts.append(f"<dt>{label}</dt><dd>{esc(value)}</dd>")
    fix = f'<div class="fix"><b>Fix</b><pre>{esc(finding.fix, keep_newlines=True)}</pre></div>' if finding.fix else ""
    badge = '<span class="new">new</span>' if finding.change == "new" else ""
    return (f'<article class="finding {finding.severity}"><div class="line1"><span class="sev">{finding.severity}'
            f'</span>{badge}<span class="msg">{esc(finding.message)}</span></div>'
            f'<div class="meta"><code>{esc(where)}</code>'
            f' · <code>{esc(finding.rule)}</code></div>{"<dl>" + "".join(facts) + "</dl>" if facts else ""}{picture}{fix}'
            "</article>")


def findings_section(report: Report) -> str:
    if not report.findings:
        return '<section><h2>Findings</h2><p class="clean">No findings: every check passed.</p></section>'
    parts = ["<section><h2>Findings and fixes</h2>"]
    thumbnails = dict(report.thumbnails)
    for category in [*CATEGORIES, *sorted({f.category for f in report.findings} - set(CATEGORIES))]:
        findings = sorted((f for f in report.findings if f.category == category),
                          key=lambda f: (f.change == "unchanged", SEVERITY_ORDER[f.severity], *f.sort_key()))
        if not findings:
            continue
        parts.append(f"<h3>{esc(CATEGORY_TITLE.get(category, category))} <small>({len(findings)})</small></h3>")
        parts.extend(finding_card(f, logo_pair(f, thumbnails)) for f in findings[:MAX_FINDINGS_PER_CATEGORY])
        if len(findings) > MAX_FINDINGS_PER_CATEGORY:
            parts.append(f'<p class="note">{len(findings) - MAX_FINDINGS_PER_CATEGORY} more in the JSON report.</p>')
    parts.append("</section>")
    return "".join(parts)


def render(report: Report, options: RenderOptions) -> str:
    title = f"omnilinks report: {clean_text(report.identity.name or site_label(report))}"
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:\">"
            f"<title>{escape(title)}</title><style>{STYLE}{CHANGE_STYLE if report.baseline else ''}</style></head><body><main>"
            f"{header(report)}{channels_section(report)}{nap_section(report)}{findings_section(report)}{fixed_section(report)}"
            f'<footer>omnilinks {esc(report.version)}</footer></main></body></html>\n')


FORMAT = Format("html", ".html", "Self-contained HTML report: score, channel map, NAP table, fixes", render)
