"""UTM tags in a URL: read them, set them, strip them — touching nothing else
in the URL, so a corrected link is the user's own link with only the tags changed."""
from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign")


def _pairs(query: str) -> list[tuple[str, str]]:
    return parse_qsl(query, keep_blank_values=True)


def utm_tags(url: str) -> dict[str, str]:
    """Every utm_* parameter of the URL (first value of each), names lower-cased."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return {}
    tags: dict[str, str] = {}
    for key, value in _pairs(query):
        if key.lower().startswith("utm_"):
            tags.setdefault(key.lower(), value)
    return tags


def _encode(pairs: list[tuple[str, str]]) -> str:
    # Spaces as %20, not '+': the link reads the same in a bio field and in every analytics tool.
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" if v or k else "" for k, v in pairs)


def with_tags(url: str, tags: dict[str, str]) -> str:
    """The URL with these utm_* values: existing ones replaced in place, missing ones appended
    in source, medium, campaign order; other parameters and the fragment kept as they were."""
    parts = urlsplit(url)
    wanted = {k.lower(): v for k, v in tags.items()}
    pairs, done = [], set()
    for key, value in _pairs(parts.query):
        name = key.lower()
        if name in wanted:
            if name in done:
                continue  # a repeated tag: analytics reads the first; keep one
            pairs.append((name, wanted[name]))
            done.add(name)
        else:
            pairs.append((key, value))
    order = [*UTM_FIELDS, *sorted(set(wanted) - set(UTM_FIELDS))]
    pairs += [(name, wanted[name]) for name in order if name in wanted and name not in done]
    path = parts.path or ("/" if parts.netloc else "")
    return urlunsplit((parts.scheme, parts.netloc, path, _encode(pairs), parts.fragment))


def without_tags(url: str) -> str:
    """The URL (absolute or as written in a page) with every utm_* parameter removed."""
    base, hash_, fragment = url.partition("#")
    path, question, query = base.partition("?")
    if not question:
        return url
    kept = [part for part in query.split("&") if part and not part.split("=", 1)[0].lower().startswith("utm_")]
    return path + ("?" + "&".join(kept) if kept else "") + hash_ + fragment
