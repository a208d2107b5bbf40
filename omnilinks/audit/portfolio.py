"""portfolio.html: one self-contained page with every client's score, channel
statuses and top fixes; the table sorts by any column with a tiny inline script.

Everything shown comes from crawled sites and configs, so all of it is escaped;
the page has no external resources and its output is deterministic (no clock),
so a merged portfolio equals an unsharded one byte for byte.
"""
from __future__ import annotations

from html import escape
from typing import Any

from omnilinks.audit.summary import ClientSummary, summarize
from omnilinks.report.safe import clean_text
from omnilinks.vocabulary import SEVERITIES

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d2327;background:#fff}
h1{font-size:1.4rem;margin:0 0 .3rem}p.totals{color:#50575e;margin:0 0 1.2rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #dcdcde;padding:.45rem .5rem;
text-align:left;vertical-align:top}th{background:#f6f7f7;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}.score{font-weight:700}
.good{color:#00702a}.fair{color:#996800}.poor{color:#b32d2e}
.ch{display:inline-block;margin:0 .25rem .25rem 0;padding:0 .4rem;border-radius:3px;font-size:12px;background:#f0f0f1}
.verified{background:#d7f2de}.mismatch,.unreachable{background:#fbe1e1}.unverifiable{background:#fcf0d2}
.down,.error{background:#fbe1e1}ul{margin:0;padding-left:1.1rem}li.error{color:#b32d2e}li.warning{color:#7a5600}
small{color:#50575e}
"""
# Sorts by data-v when present (numbers), else by text; a second click reverses.
SCRIPT = """
document.querySelectorAll("th").forEach(function(th,i){th.addEventListener("click",function(){
var body=th.closest("table").tBodies[0],asc=th.getAttribute("aria-sort")!=="ascending";
th.parentNode.querySelectorAll("th").forEach(function(h){h.removeAttribute("aria-sort")});
th.setAttribute("aria-sort",asc?"ascending":"descending");
var rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,b){
var x=a.cells[i].dataset.v,y=b.cells[i].dataset.v;
var c=(x!==undefined&&y!==undefined)?(Number(x)-Number(y)):a.cells[i].textContent.localeCompare(b.cells[i].textContent);
return asc?c:-c});rows.forEach(function(r){body.appendChild(r)})})});
"""
HEADERS = ("Client", "Score", "Trend", "Since last audit", "Errors", "Warnings", "Notices", "Pages", "Channels",
           "Top fixes", "Report")
TREND_SHOWN = 5


def render_portfolio(results: list[dict[str, Any]], title: str = "omnilinks portfolio", unfinished: int = 0) -> str:
    """The portfolio page; `unfinished` clients (an interrupted audit) are said to be missing from it."""
    summaries = sorted((summarize(r) for r in results), key=ClientSummary.sort_key)
    checked = [s for s in summaries if s.score is not None]
    average = round(sum(s.score or 0 for s in checked) / len(checked)) if checked else None
    compared = [s for s in summaries if s.new is not None]
    totals = (f"{len(summaries)} clients, {len(summaries) - len(checked)} not checked"
              + (f", average score {average}" if average is not None else "")
              + (f"; since the last audit: {sum(s.new or 0 for s in compared)} new and "
                 f"{sum(s.fixed or 0 for s in compared)} fixed findings" if compared else ""))
    if unfinished:
        totals = (f"INCOMPLETE: the audit was interrupted; {unfinished} more clients are not in this portfolio "
                  f"(run again with --resume). {totals}")
    head = "".join(f"<th scope=col>{escape(h)}</th>" for h in HEADERS)
    rows = "\n".join(_row(s) for s in summaries)
    return (f"<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
            f"<meta name=viewport content=\"width=device-width,initial-scale=1\">"
            f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>\n"
            f"<h1>{_e(title)}</h1><p class=totals>{_e(totals)}</p>\n"
            f"<table><thead><tr>{head}</tr></thead><tbody>\n{rows}\n</tbody></table>\n"
            f"<script>{SCRIPT}</script></body></html>\n")


def _row(s: ClientSummary) -> str:
    target = f"<br><small>{_e(s.target)}</small>" if s.target else ""
    name = f"<td>{_e(s.name)}{target}</td>"
    if s.score is None:
        problem = {"down": "site down", "error": "not checked"}.get(s.status, s.status)
        cells = ("<td class=\"num score poor\" data-v=-1>–</td>" + _trend(s) + "<td data-v=0></td>"
                 + "<td class=num data-v=0></td>" * 4
                 + f"<td><span class=\"ch {_e(s.status)}\">{_e(problem)}</span></td>"
                 f"<td>{_e(s.error or '')}</td>")
        return f"<tr>{name}{cells}{_report_cell(s)}</tr>"
    grade = "good" if s.score >= 80 else "fair" if s.score >= 50 else "poor"
    incomplete = " <small>(incomplete)</small>" if not s.complete else ""
    counts = "".join(f"<td class=num data-v={s.counts.get(k, 0)}>{s.counts.get(k, 0)}</td>"
                     for k in SEVERITIES)
    channels = "".join(f"<span class=\"ch {_e(status)}\" title=\"{_e(url)}\">{_e(platform)}: {_e(status)}</span>"
                       for platform, status, url in s.channels) or "<small>none declared</small>"
    fixes = "".join(f"<li class={_e(severity)}>{_e(fix)}" + (f" <small>({count} places)</small>" if count > 1 else "")
                    + "</li>" for severity, fix, count in s.top_fixes)
    fixes = f"<ul>{fixes}</ul>" if fixes else "<small>nothing to fix</small>"
    return (f"<tr>{name}<td class=\"num score {grade}\" data-v={s.score}>{s.score}{incomplete}</td>{_trend(s)}"
            f"{_since(s)}{counts}"
            f"<td class=num data-v={s.pages}>{s.pages}</td><td>{channels}</td><td>{fixes}</td>{_report_cell(s)}</tr>")


def _trend(s: ClientSummary) -> str:
    """The last audits' scores, oldest first, and the change since the previous one."""
    if len(s.scores) < 2:
        return "<td data-v=0><small>first audit</small></td>"
    change = s.scores[-1] - s.scores[-2]
    mark = (f"<span class=good>▲{change}</span>" if change > 0 else f"<span class=poor>▼{-change}</span>"
            if change < 0 else "<small>±0</small>")
    shown = " → ".join(str(v) for v in s.scores[-TREND_SHOWN:])
    return f"<td data-v={change}>{mark}<br><small>{_e(shown)}</small></td>"


def _since(s: ClientSummary) -> str:
    if s.new is None:
        return "<td data-v=0><small>first audit</small></td>"
    return (f"<td data-v={s.new}><span class={'poor' if s.new else 'good'}>{s.new} new</span> · "
            f"<span class=good>{s.fixed} fixed</span></td>")


def _report_cell(s: ClientSummary) -> str:
    if not s.html:
        return "<td></td>"
    return f"<td><a href=\"{_e(s.html)}\">report</a></td>"


def _e(value: object) -> str:
    return escape(clean_text(value), quote=True)
