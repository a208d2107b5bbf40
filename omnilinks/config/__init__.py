"""Load and validate omnilinks.yml into a frozen Config."""
from __future__ import annotations

import datetime
import math
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from omnilinks.config.schema import CONFIG, ListOf, Mapping, OneOf, Scalar, Spec
from omnilinks.errors import ConfigError
from omnilinks.vocabulary import DEFAULT_FAIL_ON, FailOn, MatchMode, SeverityOverride

if TYPE_CHECKING:
    import yaml

# PyYAML is imported by the functions that read a file: a run without omnilinks.yml never loads it.

CONFIG_NAMES = ("omnilinks.yml", "omnilinks.yaml", ".omnilinks.yml")


@dataclass(frozen=True)
class ChannelConfig:
    """One channel declared under `channels:` in omnilinks.yml."""

    url: str
    line: int | None = None
    platform: str | None = None
    place_id: str | None = None
    facts: dict[str, Any] | None = None


# A bare name is a rule id or a category, never a URL pattern: `ignore: [schema]`
# must not also silence every link to schema.org.
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class IgnoreEntry:
    """One `ignore` entry, decoded once: what it names and where it was written."""

    kind: str  # "name" (a rule id or category, resolved against the catalogue), "rule", "category", "url"
    value: str
    line: int | None = None

    @property
    def key(self) -> str:
        return f"ignore: {self.value}"


@dataclass(frozen=True)
class AttributionConfig:
    """The declared UTM convention (`attribution:`); platform ids are checked against the
    adapters by the pipeline, which knows them."""

    utm_medium: str | None = None
    utm_source: dict[str, str] = field(default_factory=dict)
    required: bool = False
    line: int | None = None
    source_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckOptions:
    """The `check:` section of omnilinks.yml: how the run crawls, fetches and judges, and what fails it."""

    external: bool = True
    offline: bool = False
    concurrency: int = 32
    per_host: int = 4
    timeout: float = 15.0
    deadline: float = 900.0
    retries: int = 2
    max_pages: int = 50_000
    max_depth: int = 50
    max_body: int = 10 * 1024 * 1024
    exclude: tuple[str, ...] = ()
    name_match: MatchMode = "strict"
    fail_on: FailOn = DEFAULT_FAIL_ON
    allow_private: bool = False
    use_cache: bool = True
    accept: tuple[tuple[str, frozenset[int]], ...] = ()  # (URL regex, status codes that count as fine)
    # (URL regex, ((header, value template), …)); templates keep ${NAME}: secrets live only in the environment
    headers: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    max_cache_age: float = 86_400.0


@dataclass(frozen=True)
class Config:
    """omnilinks.yml, loaded and validated; with no file, every default."""

    path: str | None = None
    site_url: str | None = None
    assume_extension: str | None = None
    brand: dict[str, Any] = field(default_factory=dict)
    brand_lines: dict[str, int] = field(default_factory=dict)
    channels: tuple[ChannelConfig, ...] = ()
    ignore_entries: tuple[IgnoreEntry, ...] = ()
    severity: dict[str, SeverityOverride] = field(default_factory=dict)
    check: CheckOptions = field(default_factory=CheckOptions)
    attribution: AttributionConfig | None = None

    def with_check(self, **changes: Any) -> Config:
        return replace(self, check=replace(self.check, **changes))


def find_config(target: str | None) -> Path | None:
    """omnilinks.yml in the target folder, else in the working directory."""
    places = []
    if target and os.path.isdir(target):
        places.append(Path(target))
    places.append(Path.cwd())
    for folder in places:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def load_config(path: str | os.PathLike[str] | None) -> Config:
    if path is None:
        return Config()
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(name, "config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(name, f"cannot read config: {exc}") from None
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(name, f"invalid YAML: {problem}", line=line) from None
    except RecursionError:
        raise ConfigError(name, "invalid YAML: nested too deeply") from None
    if node is None:
        return Config(path=name)
    try:
        _validate(node, CONFIG, name, "")
    except RecursionError:
        raise ConfigError(name, "nested too deeply for any key of omnilinks.yml") from None
    # _validate has checked the top level against CONFIG, a mapping spec
    return _build(name, cast(yaml.MappingNode, node), data)


def _validate(node: yaml.Node, spec: Spec, path: str, key: str) -> None:
    import yaml

    line = node.start_mark.line + 1
    where = key or "(top level)"
    if isinstance(spec, OneOf):
        errors = []
        for option in spec.options:
            try:
                _validate(node, option, path, key)
                return
            except ConfigError as exc:
                errors.append(exc)
        # The mapping form gives the more useful message for a mapping node.
        raise errors[-1] if isinstance(node, yaml.MappingNode) else errors[0]
    if isinstance(spec, Mapping):
        if not isinstance(node, yaml.MappingNode):
            raise ConfigError(path, "expected a mapping", line, where)
        seen = set()
        for key_node, value_node in node.value:
            name = key_node.value
            full = f"{key}.{name}" if key else name
            if spec.open_values is not None:
                _validate(value_node, spec.open_values, path, full)
                continue
            if name not in spec.keys:
                known = ", ".join(sorted(spec.keys))
                raise ConfigError(path, f"unknown key (known: {known})", key_node.start_mark.line + 1, full)
            seen.add(name)
            _validate(value_node, spec.keys[name], path, full)
        for required in spec.required:
            if required not in seen:
                raise ConfigError(path, f"missing required key '{required}'", line, where)
        return
    if isinstance(spec, ListOf):
        if not isinstance(node, yaml.SequenceNode):
            raise ConfigError(path, "expected a list", line, where)
        if spec.max_items is not None and len(node.value) > spec.max_items:
            raise ConfigError(path, f"at most {spec.max_items:,} items, got {len(node.value):,}", line, where)
        for index, item in enumerate(node.value):
            _validate(item, spec.item, path, f"{key}[{index}]")
        return
    _validate_scalar(node, spec, path, where, line)


def _validate_scalar(node: yaml.Node, spec: Scalar, path: str, where: str, line: int) -> None:
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        raise ConfigError(path, f"expected a {spec.kind}", line, where)
    value = yaml.safe_load(yaml.serialize(node)) if node.tag != "tag:yaml.org,2002:str" else node.value
    ok = {
        # Unquoted dates and numbers are fine where text is expected (phone: 0215550123, checked: 2026-11-01).
        "string": lambda v: isinstance(v, (str, datetime.date)) or (isinstance(v, (int, float)) and not isinstance(v, bool)),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
    }[spec.kind](value)
    if not ok:
        raise ConfigError(path, f"expected a {spec.kind}, got {node.value!r}", line, where)
    if spec.choices and str(value) not in spec.choices:
        raise ConfigError(path, f"expected one of {', '.join(spec.choices)}, got {value!r}", line, where)
    if spec.kind == "number" and not math.isfinite(value):
        raise ConfigError(path, f"must be a finite number{_range(spec)}, got {node.value!r}", line, where)
    too_low = spec.minimum is not None and value < spec.minimum
    if too_low or (spec.maximum is not None and value > spec.maximum):
        raise ConfigError(path, f"must be {_range(spec).strip()}, got {node.value!r}", line, where)
    if spec.check == "regex":
        try:
            re.compile(str(value))
        except (re.error, RecursionError, OverflowError) as exc:
            raise ConfigError(path, f"not a valid regular expression ({exc})", line, where) from None
    elif spec.check == "url":
        problem = _url_problem(str(value))
        if problem:
            raise ConfigError(path, f"{problem}, got {node.value!r}", line, where)


def _range(spec: Scalar) -> str:
    if spec.minimum is not None and spec.maximum is not None:
        return f" between {_number(spec.minimum)} and {_number(spec.maximum)}"
    if spec.minimum is not None:
        return f" at least {_number(spec.minimum)}"
    return f" at most {_number(spec.maximum)}" if spec.maximum is not None else ""


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _url_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "expected an http(s) URL"
    return None


def _lines_of(node: yaml.MappingNode | None) -> dict[str, int]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value}


def _child(node: yaml.MappingNode, name: str) -> yaml.Node | None:
    for key_node, value_node in node.value:
        if key_node.value == name:
            found: yaml.Node = value_node
            return found
    return None


DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.I)
SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800}
ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def parse_duration(text: str) -> float:
    """Seconds from "3600", "30m", "12h", "7d" or "2w"."""
    match = DURATION.match(text)
    if match is None:
        raise ValueError(f"expected seconds or a duration like 30m, 12h, 7d; got {text!r}")
    return float(match.group(1)) * SECONDS[match.group(2).lower()]


def _line_of(node: yaml.Node | None, key: str) -> int | None:
    import yaml

    child = _child(node, key) if isinstance(node, yaml.MappingNode) else None
    return child.start_mark.line + 1 if child is not None else None


def _pattern_keys(path: str, node: yaml.Node | None, section: str, data: dict[str, Any]) -> dict[str, int | None]:
    """Each URL pattern of check.accept / check.headers with its line, compiled once to fail early."""
    import yaml

    section_node = _child(node, section) if isinstance(node, yaml.MappingNode) else None
    lines = _lines_of(section_node)  # type: ignore[arg-type]
    for pattern in data:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise ConfigError(path, f"invalid regular expression: {exc}", lines.get(str(pattern)),
                              f"check.{section}.{pattern}") from None
    return {str(p): lines.get(str(p)) for p in data}


def _accept(path: str, node: yaml.Node | None, data: dict[str, Any]) -> tuple[tuple[str, frozenset[int]], ...]:
    rules = []
    for pattern, line in _pattern_keys(path, node, "accept", data).items():
        codes: set[int] = set()
        for item in data[pattern] or ():
            low, _, high = str(item).partition("-")
            try:
                first, last = int(low), int(high or low)
            except ValueError:
                first = last = 0
            if not 100 <= first <= last <= 599:
                raise ConfigError(path, f"expected an HTTP status code or a range like 400-499, got {item!r}", line,
                                  f"check.accept.{pattern}")
            codes.update(range(first, last + 1))
        rules.append((pattern, frozenset(codes)))
    return tuple(rules)


def _headers(path: str, node: yaml.Node | None,
             data: dict[str, Any]) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    rules = []
    for pattern, line in _pattern_keys(path, node, "headers", data).items():
        values = data[pattern] or {}
        for name in values:
            if not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", str(name)):
                raise ConfigError(path, f"{name!r} is not a valid HTTP header name", line, f"check.headers.{pattern}")
        rules.append((pattern, tuple((str(k), str(v)) for k, v in values.items())))
    return tuple(rules)


def expand_headers(config: Config) -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    """check.headers with ${NAME} filled from the environment, at the start of a run. A missing
    variable stops the run naming the variable, never a value."""
    out = []
    for pattern, values in config.check.headers:
        expanded = {}
        for name, template in values:
            def value_of(match: re.Match[str], name: str = name, pattern: str = pattern) -> str:
                variable = match.group(1)
                if variable not in os.environ:
                    raise ConfigError(config.path or "omnilinks.yml",
                                      f"environment variable {variable} is not set", None,
                                      f"check.headers.{pattern}.{name}")
                return os.environ[variable]
            expanded[name] = ENV_REFERENCE.sub(value_of, template)
        out.append((re.compile(pattern), expanded))
    return tuple(out)


def _build(path: str, node: yaml.MappingNode, data: dict[str, Any]) -> Config:
    import yaml

    site = data.get("site") or {}
    brand = {k: (str(v) if isinstance(v, (int, float)) else v) for k, v in (data.get("brand") or {}).items()}
    channels_node = _child(node, "channels")
    channel_nodes = channels_node.value if isinstance(channels_node, yaml.SequenceNode) else []
    channels = []
    for item, item_node in zip(data.get("channels") or [], channel_nodes, strict=True):
        line = item_node.start_mark.line + 1
        if isinstance(item, str):
            channels.append(ChannelConfig(url=item, line=line))
        else:
            channels.append(
                ChannelConfig(
                    url=item["url"],
                    line=line,
                    platform=item.get("platform"),
                    place_id=item.get("place_id"),
                    facts={k: str(v) if k == "checked" else v for k, v in (item.get("facts") or {}).items()} or None,
                )
            )
    check_data = dict(data.get("check") or {})
    if "exclude" in check_data:
        check_data["exclude"] = tuple(check_data["exclude"])
    if "timeout" in check_data:
        check_data["timeout"] = float(check_data["timeout"])
    check_node = _child(node, "check")
    if "accept" in check_data:
        check_data["accept"] = _accept(path, check_node, check_data["accept"])
    if "headers" in check_data:
        check_data["headers"] = _headers(path, check_node, check_data["headers"])
    if "max_cache_age" in check_data:
        line = _line_of(check_node, "max_cache_age")
        try:
            check_data["max_cache_age"] = parse_duration(str(check_data["max_cache_age"]))
        except ValueError as exc:
            raise ConfigError(path, str(exc), line, "check.max_cache_age") from None
    return Config(
        attribution=_attribution(path, _child(node, "attribution"), data.get("attribution")),
        path=path,
        site_url=site.get("url"),
        assume_extension=site.get("assume_extension"),
        brand=brand,
        brand_lines=_lines_of(_child(node, "brand")),  # type: ignore[arg-type]
        channels=tuple(channels),
        ignore_entries=_ignore_entries(path, _child(node, "ignore"), data.get("ignore") or []),
        severity=dict(data.get("severity") or {}),
        check=CheckOptions(**check_data),
    )


def _ignore_entries(path: str, node: yaml.Node | None, items: list[Any]) -> tuple[IgnoreEntry, ...]:
    import yaml

    nodes = node.value if isinstance(node, yaml.SequenceNode) else []
    entries = []
    for index, (item, item_node) in enumerate(zip(items, nodes, strict=True)):
        line = item_node.start_mark.line + 1
        if isinstance(item, dict):
            kind, value = next(iter(item.items()))
            value = str(value)
        else:
            value = str(item)
            kind = "name" if _NAME.fullmatch(value) else "url"
        if kind == "url":
            try:
                re.compile(value)
            except (re.error, RecursionError, OverflowError) as exc:
                raise ConfigError(path, f"not a valid regular expression: {exc}", line, f"ignore[{index}]") from None
        entries.append(IgnoreEntry(kind, value, line))
    return tuple(entries)
def _attribution(path: str, node: yaml.Node | None, data: Any) -> AttributionConfig | None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    data = data or {}
    lines = _lines_of(node)
    sources_node = _child(node, "utm_source")
    source_lines = _lines_of(sources_node)  # type: ignore[arg-type]
    values = {"attribution.utm_medium": (data.get("utm_medium"), lines.get("utm_medium"))}
    values |= {f"attribution.utm_source.{k}": (v, source_lines.get(str(k)))
               for k, v in (data.get("utm_source") or {}).items()}
    for key, (value, line) in values.items():
        if value is None:
            continue
        text = str(value)
        # A value analytics would store differently from how it is written is no convention.
        if not text.strip() or text != text.strip() or any(c in text for c in "&#?="):
            raise ConfigError(path, f"expected a UTM value without spaces at the ends or & # ? =, got {text!r}",
                              line, key)
    return AttributionConfig(
        utm_medium=None if data.get("utm_medium") is None else str(data["utm_medium"]),
        utm_source={str(k).lower(): str(v) for k, v in (data.get("utm_source") or {}).items() if v is not None},
        required=bool(data.get("required", False)),
        line=node.start_mark.line + 1,
        source_lines={str(k).lower(): n for k, n in source_lines.items()},
    )
