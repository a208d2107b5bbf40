"""Load and validate omnilinks.yml into a frozen Config."""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from omnilinks.config.schema import CONFIG, ListOf, Mapping, OneOf, Scalar
from omnilinks.errors import ConfigError

CONFIG_NAMES = ("omnilinks.yml", "omnilinks.yaml", ".omnilinks.yml")


@dataclass(frozen=True)
class ChannelConfig:
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
    name_match: str = "strict"
    fail_on: str = "error"
    allow_private: bool = False
    use_cache: bool = True


@dataclass(frozen=True)
class Config:
    path: str | None = None
    site_url: str | None = None
    assume_extension: str | None = None
    brand: dict[str, Any] = field(default_factory=dict)
    brand_lines: dict[str, int] = field(default_factory=dict)
    channels: tuple[ChannelConfig, ...] = ()
    ignore: tuple[str, ...] = ()  # as written, for reports
    ignore_entries: tuple[IgnoreEntry, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
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
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(name, f"invalid YAML: {problem}", line=line) from None
    if node is None:
        return Config(path=name)
    _validate(node, CONFIG, name, "")
    return _build(name, node, data)


def _validate(node: yaml.Node, spec: Any, path: str, key: str) -> None:
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
        for index, item in enumerate(node.value):
            _validate(item, spec.item, path, f"{key}[{index}]")
        return
    _validate_scalar(node, spec, path, where, line)


def _validate_scalar(node: yaml.Node, spec: Scalar, path: str, where: str, line: int) -> None:
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
    if spec.minimum is not None and value < spec.minimum:
        raise ConfigError(path, f"must be at least {spec.minimum:g}", line, where)


def _lines_of(node: yaml.MappingNode | None) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value}


def _child(node: yaml.MappingNode, name: str) -> yaml.Node | None:
    for key_node, value_node in node.value:
        if key_node.value == name:
            return value_node
    return None


def _build(path: str, node: yaml.MappingNode, data: dict[str, Any]) -> Config:
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
    return Config(
        attribution=_attribution(path, _child(node, "attribution"), data.get("attribution")),
        path=path,
        site_url=site.get("url"),
        assume_extension=site.get("assume_extension"),
        brand=brand,
        brand_lines=_lines_of(_child(node, "brand")),  # type: ignore[arg-type]
        channels=tuple(channels),
        ignore=tuple(str(i) if not isinstance(i, dict) else f"{next(iter(i))}: {next(iter(i.values()))}"
                     for i in data.get("ignore") or ()),
        ignore_entries=_ignore_entries(path, _child(node, "ignore"), data.get("ignore") or []),
        severity=dict(data.get("severity") or {}),
        check=CheckOptions(**check_data),
    )


def _ignore_entries(path: str, node: yaml.Node | None, items: list[Any]) -> tuple[IgnoreEntry, ...]:
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
