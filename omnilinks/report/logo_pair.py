"""The HTML report's picture of a logo finding: the site's logo and the
channel's picture side by side, round as platforms show avatars.

Self-contained like the rest of the report: the pictures are the small PNG
thumbnails the run made (data: URIs, which the report's CSP allows), never
loaded by URL. A report rebuilt without them shows the two addresses instead.
"""
from __future__ import annotations

import re
from html import escape

from omnilinks.models import Finding
from omnilinks.report.safe import clean_text

# Only what the images stage writes: a base64 PNG. Anything else is not put in a src attribute.
DATA_URI = re.compile(r"^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$")
FIGURE = "margin:0;text-align:center;max-width:45%;font-size:12px;word-break:break-all"
PICTURE = "width:64px;height:64px;border-radius:50%;border:1px solid #ccc;object-fit:cover;background:#fff"
MISSING = (f"{PICTURE};display:inline-flex;align-items:center;justify-content:center;color:#888;"
           "font-size:10px")


def logo_pair(finding: Finding, thumbnails: dict[str, str]) -> str:
    """'' unless the finding compares two pictures (field `logo`, both URLs known)."""
    if finding.field != "logo" or not finding.expected or not finding.actual:
        return ""
    channel = f"on {finding.platform}" if finding.platform else "on the channel"
    return ('<div class="logo-pair" style="display:flex;gap:24px;align-items:flex-start;margin:8px 0">'
            f'{_figure(finding.expected, "the site", thumbnails)}{_figure(finding.actual, channel, thumbnails)}</div>')


def _figure(url: str, caption: str, thumbnails: dict[str, str]) -> str:
    thumb = thumbnails.get(url, "")
    text = escape(clean_text(url))
    if DATA_URI.match(thumb):
        picture = f'<img src="{thumb}" alt="{text}" style="{PICTURE}">'
    else:
        picture = f'<span style="{MISSING}">not shown</span>'
    return (f'<figure style="{FIGURE}">{picture}<figcaption><b>{escape(caption)}</b><br>{text}</figcaption>'
            "</figure>")
