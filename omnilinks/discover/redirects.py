"""The host's own redirect and rewrite rules, read from the files static hosts take them from:
Netlify and Cloudflare Pages `_redirects`, `netlify.toml` `[[redirects]]` and `vercel.json`
`redirects`/`rewrites`. A link to a redirected path is not a missing page."""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from omnilinks.errors import OmnilinksError

REDIRECT_FILES = ("_redirects", "netlify.toml", "vercel.json")


PLACEHOLDER = re.compile(r":([A-Za-z_]\w*)[*+?]?")
NUMBERED = re.compile(r"\$(\d)")
CATCH_ALL = {"(?:/(?P<splat>.*))?/?", "/(?P<path>.*)/?", "/(.*)/?", "/(?P<path>.+)/?"}


@dataclass(frozen=True)
class Redirect:
    """One redirect or rewrite rule of the host, as written in `_redirects`, netlify.toml or vercel.json."""

    pattern: re.Pattern[str]
    target: str  # with $name / :name placeholders filled in by `resolve`
    status: int | None  # 3xx redirect, 200 rewrite, 404 a custom "not found", None: Vercel rewrite
    source: str  # file:line of the rule, for the finding

    def resolve(self, path: str) -> str | None:
        match = self.pattern.fullmatch(path)
        if match is None:
            return None
        values = match.groupdict()
        target = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group()) or "", self.target)
        # Vercel numbers unnamed groups: "/api/(.*)" → "/functions/$1".
        return NUMBERED.sub(lambda m: (match.group(int(m.group(1))) or "") if int(m.group(1)) <= len(match.groups())
                            else m.group(), target)


@dataclass(frozen=True)
class Rewritten:
    """What the host's rules do with a path: where it goes, and the rule that sends it there."""

    target: str
    status: int | None
    source: str


class Redirects:
    def __init__(self, rules: list[Redirect]):
        self.rules = rules

    def __bool__(self) -> bool:
        return bool(self.rules)

    def match(self, path: str) -> Rewritten | None:
        """The first rule for the path, as the hosts apply them: in file order."""
        for rule in self.rules:
            target = rule.resolve(path)
            if target is None:
                continue
            if rule.status is not None and rule.status >= 400:
                return None  # a custom "not found" page: the link is still missing
            if rule.status in (200, None) and rule.pattern.pattern in CATCH_ALL:
                return None  # a single-page app's fallback serves its shell, which shows its own "not found"
            return Rewritten(target, rule.status, rule.source)
        return None


def load_redirects(folder: Path, display: str) -> Redirects:
    """Rules from the built folder, else from the folders above it up to the repository's root
    (netlify.toml and vercel.json usually live there)."""
    rules: list[Redirect] = []
    for place in _places(folder):
        for name in REDIRECT_FILES:
            path = place / name
            if path.is_file():
                shown = display if place == folder else str(path.parent)
                rules += _read(path, f"{shown.rstrip('/')}/{name}")
        if rules:
            break
    return Redirects(rules)


def _places(folder: Path) -> list[Path]:
    places = [folder]
    for parent in folder.parents:
        places.append(parent)
        if (parent / ".git").exists() or len(places) > 3:
            break
    return places


def _read(path: Path, shown: str) -> list[Redirect]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OmnilinksError(f"{shown}: cannot read ({exc})") from None
    try:
        return _rules(path, text, shown)
    except re.error as exc:
        raise OmnilinksError(f"{shown}: a source pattern is not a valid regular expression ({exc})") from None
    except (ValueError, TypeError, AttributeError) as exc:  # a status that is not a number, a list that is not one
        raise OmnilinksError(f"{shown}: unexpected redirect rule ({exc})") from None


def _rules(path: Path, text: str, shown: str) -> list[Redirect]:
    if path.name == "_redirects":
        return _netlify_lines(text, shown)
    if path.name == "netlify.toml":
        # Imported here: most sites have no netlify.toml.
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise OmnilinksError(f"{shown}: invalid TOML: {exc}") from None
        return [_rule(_netlify_pattern(str(r.get("from", ""))), str(r.get("to", "")), int(r.get("status", 301)),
                      f"{shown} [[redirects]] #{i + 1}")
                for i, r in enumerate(data.get("redirects") or []) if isinstance(r, dict) and r.get("from")]
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise OmnilinksError(f"{shown}: invalid JSON: {exc}") from None
    rules = []
    for key in ("redirects", "rewrites"):
        items = data.get(key) or [] if isinstance(data, dict) else []
        if not isinstance(items, list):
            raise TypeError(f"{key} must be a list")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not item.get("source") or item.get("has") or item.get("missing"):
                continue  # conditional rules depend on the request, which a folder does not have
            status = None if key == "rewrites" else int(item.get("statusCode")
                                                       or (308 if item.get("permanent", True) else 307))
            rules.append(_rule(_vercel_pattern(str(item["source"])), str(item.get("destination", "")), status,
                               f"{shown} {key}[{i}]"))
    return rules


def _netlify_lines(text: str, shown: str) -> list[Redirect]:
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split("#", 1)[0].split() if not line.lstrip().startswith("#") else []
        # from [query=:param…] to [status[!]] [Country=… Language=… Role=…]
        words = [w for w in words if "=" not in w or w.startswith(("/", "http"))]
        if len(words) < 2:
            continue
        status = 301
        if len(words) > 2 and re.fullmatch(r"\d{3}!?", words[2]):
            status = int(words[2].rstrip("!"))
        rules.append(_rule(_netlify_pattern(words[0]), words[1], status, f"{shown}:{number}"))
    return rules


def _rule(pattern: str, target: str, status: int | None, source: str) -> Redirect:
    return Redirect(re.compile(pattern), target, status, source)


def _netlify_pattern(source: str) -> str:
    """`/blog/:year/*` → a regex with named groups; the target's `:splat` takes what `*` matched."""
    path = source.split("://", 1)[-1] if "://" in source else source
    if "://" in source:
        path = "/" + path.partition("/")[2]
    pattern = ""
    for part in re.split(r"(:[A-Za-z_]\w*|/\*)", path.rstrip("/") or "/"):
        if part == "/*":
            pattern += "(?:/(?P<splat>.*))?"  # /news/* matches /news itself too
        elif part.startswith(":"):
            pattern += f"(?P<{part[1:]}>[^/]+)"
        else:
            pattern += re.escape(part)
    return pattern + "/?"  # Netlify matches with and without the trailing slash


def _vercel_pattern(source: str) -> str:
    """path-to-regexp as Vercel writes it: `:slug`, `:path*`, `:path+`, `(.*)`."""
    pattern = ""
    for part in re.split(r"(:[A-Za-z_]\w*[*+?]?(?:\([^)]*\))?|\([^)]*\))", source.rstrip("/") or "/"):
        if part.startswith(":"):
            name = re.match(r":(\w+)", part).group(1)  # type: ignore[union-attr]
            custom = re.search(r"\((.*)\)", part)
            body = custom.group(1) if custom else "[^/]+"
            if part.rstrip(")").endswith(("*", "+")) or "*" in part.split("(")[0]:
                body = ".*" if "*" in part.split("(")[0] else ".+"
            pattern += f"(?P<{name}>{body})"
        elif part.startswith("("):
            pattern += part
        else:
            pattern += re.escape(part)
    return pattern + "/?"
