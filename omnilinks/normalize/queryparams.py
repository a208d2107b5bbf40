"""Query parameters that do not change what a URL names, in one list per reason.

Two canonical forms drop them: the crawl's identity of a page (discover.live.canonical)
and a channel's URL (channels.urls.without_tracking). They share the click trackers;
each also drops what only it may: a session id names no page of the site, and on a
social platform a language or view switch still names the same account. On the site
itself `?s=` is a search and `?lang=` another page, so the crawl keeps those.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

# Added to a link by whoever shares or advertises it: campaign tags and ad click ids.
CLICK_TRACKING = r"utm_\w+|fbclid|gclid"
# A server's session id in the query: every visitor's copy of the same page.
SESSION_IDS = r"jsessionid|phpsessid|sid|sessionid|session_id"
# What the platforms' apps and share buttons append to a profile link, and the language or view
# it opens in: the same account whatever their values.
PROFILE_VIEW = (r"igshid|igsh|mibextid|si|hl|ref|ref_src|_rdr|s|t|feature|lang|locale|is_from_webapp"
                r"|sender_device")


def _names(*alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(alternatives)})$", re.I)


CRAWL_NOISE = _names(CLICK_TRACKING, SESSION_IDS)
PROFILE_NOISE = _names(CLICK_TRACKING, PROFILE_VIEW)


def kept_query(query: str, noise: re.Pattern[str]) -> str:
    """The query without the parameters `noise` names, the others in their order."""
    return urlencode([(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not noise.match(k)])
