"""The channel map as inline SVG: the site in the middle, each channel around it,
an arrow each way.

site → channel: green when the site links the channel, red when a crossref
finding says no page does, grey when unknown (no pages read).
channel → site: green when the channel was read and links back (even when
another fact differs: the node's status says so), red when it does not (or is
unreachable, or links elsewhere), amber dashed when it could not be verified,
grey dashed when not applicable (marketplaces forbid links).
"""
from __future__ import annotations

import math
from html import escape
from urllib.parse import urlsplit

from omnilinks.models import Profile, Report
from omnilinks.report.locate import channel_of, same_url
from omnilinks.report.platforms import display_name
from omnilinks.report.problems import VERDICTS, channel_verdicts
from omnilinks.report.safe import clean_text

COLORS = {"ok": "#1a7f37", "bad": "#cf222e", "unknown": "#bf8700", "na": "#8c959f"}
# A box's colour is the channel's verdict (its status and the findings about it), so a box is never
# green beside a red arrow or an error about that channel.
VERDICT_COLORS = {"ok": "#1a7f37", "problem": "#cf222e", "attention": "#bf8700", "unknown": "#8c959f",
                  "na": "#8c959f"}
NODE_W, NODE_H, SITE_R = 204, 66, 62
WIDEN = 1.5  # channels sit on an ellipse: side arrows get as long as the vertical ones


def site_links(report: Report, channel: Profile) -> str:
    if not channel.declared:
        return "ok"  # found on the site's own pages
    if report.pages == 0:
        return "na"
    for finding in report.findings:
        # Only a missing link is about the site→channel direction; the other channel findings
        # (unverifiable, wrong site, unreachable) are drawn on the channel→site arrow.
        if finding.rule != "channel-not-linked":
            continue
        if same_url(finding.target, channel.url) or channel_of(report, finding) is channel:
            return "bad"
    return "ok"


def links_to_site(channel: Profile) -> str:
    if channel.status == "not_applicable":
        return "na"
    # The arrow is the link back alone; a fact that differs colours the node, not the arrow.
    if channel.status == "unreachable" or channel.links_back is False:
        return "bad"
    if channel.links_back:
        return "ok"
    return "bad" if channel.status == "mismatch" else "unknown"


def _short(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _arrow(x1: float, y1: float, x2: float, y2: float, state: str, title: str) -> str:
    dash = ' stroke-dasharray="6 5"' if state in ("unknown", "na") else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{COLORS[state]}" '
            f'stroke-width="2.5"{dash} marker-end="url(#head-{state})"><title>{escape(title)}</title></line>')


def render_map(report: Report, site_label: str, verdicts: dict[str, str] | None = None) -> str:
    channels = report.channels
    verdicts = verdicts if verdicts is not None else channel_verdicts(report)
    count = len(channels)
    radius = 230 + max(0, count - 8) * 18
    width, height = 2 * radius * WIDEN + NODE_W + 40, 2 * radius + NODE_H + 40
    cx, cy = width / 2, height / 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
             f'class="map" aria-label="Channel map: the site and {count} channels">', "<defs>"]
    for state, color in COLORS.items():
        parts.append(f'<marker id="head-{state}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                     f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/>'
                     "</marker>")
    parts.append("</defs>")
    for number, channel in enumerate(channels):
        angle = -math.pi / 2 + 2 * math.pi * number / max(1, count)
        dx, dy = math.cos(angle), math.sin(angle)
        nx, ny = cx + radius * WIDEN * dx, cy + radius * dy
        length = math.hypot(nx - cx, ny - cy)
        dx, dy = (nx - cx) / length, (ny - cy) / length
        edge = min(NODE_W / 2 / abs(dx) if dx else math.inf, NODE_H / 2 / abs(dy) if dy else math.inf) + 4
        ox, oy = -dy * 8, dx * 8  # the two arrows run side by side
        sx, sy = cx + dx * (SITE_R + 4), cy + dy * (SITE_R + 4)
        ex, ey = nx - dx * edge, ny - dy * edge
        platform = display_name(channel.platform)
        out_state, back_state = site_links(report, channel), links_to_site(channel)
        parts.append(_arrow(sx + ox, sy + oy, ex + ox, ey + oy, out_state,
                            f"site → {platform}: " + {"ok": "linked", "bad": "not linked from any page",
                                                      "na": "unknown", "unknown": "unknown"}[out_state]))
        back = clean_text(channel.reason or "") or {"ok": "links back", "bad": "does not link back",
                                                     "na": "not applicable", "unknown": "not verifiable"}[back_state]
        if back_state == "ok" and channel.status != "verified":
            back = "links back"  # the reason names the facts that differ: the node's title, not this arrow's
        parts.append(_arrow(ex - ox, ey - oy, sx - ox, sy - oy, back_state, f"{platform} → site: {back}"))
        verdict = verdicts[channel.url]
        color = VERDICT_COLORS[verdict]
        handle = clean_text(channel.handle or urlsplit(channel.url).hostname or channel.url)
        why = f": {clean_text(channel.reason)}" if channel.reason and channel.status == "mismatch" else ""
        parts.append(f'<g class="node {verdict}"><title>{escape(clean_text(channel.url))} — {VERDICTS[verdict][0]}'
                     f'{escape(why)}</title>'
                     f'<rect x="{nx - NODE_W / 2:.1f}" y="{ny - NODE_H / 2:.1f}" width="{NODE_W}" height="{NODE_H}" '
                     f'rx="10" fill="#fff" stroke="{color}" stroke-width="2.5"/>'
                     f'<text x="{nx:.1f}" y="{ny - 11:.1f}" class="node-title">{escape(_short(platform, 24))}</text>'
                     f'<text x="{nx:.1f}" y="{ny + 6:.1f}" class="node-sub">{escape(_short(handle, 24))}</text>'
                     f'<text x="{nx:.1f}" y="{ny + 23:.1f}" class="node-status" fill="{color}">'
                     f'{escape(VERDICTS[verdict][0])}</text></g>')
    parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{SITE_R}" fill="#0969da"/>'
                 f'<text x="{cx:.1f}" y="{cy - 4:.1f}" class="site-title">website</text>'
                 f'<text x="{cx:.1f}" y="{cy + 14:.1f}" class="site-sub">{escape(_short(clean_text(site_label), 18))}'
                 "</text>")
    if not channels:
        parts.append(f'<text x="{cx:.1f}" y="{cy + SITE_R + 30:.1f}" class="node-sub">'
                     "No channels declared or linked.</text>")
    parts.append("</svg>")
    return "".join(parts)


LEGEND = (
    ("ok", False, "site links it / channel links back"),
    ("bad", False, "missing, wrong or unreachable"),
    ("unknown", True, "could not be verified"),
    ("na", True, "not applicable"),
)


def render_legend() -> str:
    items = []
    for state, dashed, label in LEGEND:
        dash = ' stroke-dasharray="6 5"' if dashed else ""
        items.append(f'<span class="legend-item"><svg width="34" height="10" aria-hidden="true">'
                     f'<line x1="1" y1="5" x2="33" y2="5" stroke="{COLORS[state]}" stroke-width="3"{dash}/></svg>'
                     f"{escape(label)}</span>")
    return '<p class="legend">' + "".join(items) + "</p>"
