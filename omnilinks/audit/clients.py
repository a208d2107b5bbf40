"""The clients of an agency audit: from a clients.yml, or from a folder holding
one sub-folder per client (its omnilinks.yml and, optionally, its built site).

clients.yml is a list of clients, or a mapping `clients:` of that list, or a
mapping name → client. A client has `name`, `target` (a built folder or a
URL; relative paths are relative to the clients file) and `config` (a path to
its omnilinks.yml, or the config itself inline); optional `base_url`,
`assume_extension`, `allow_private`.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from omnilinks.config import CONFIG_NAMES, load_config
from omnilinks.discover import is_url
from omnilinks.errors import ConfigError, OmnilinksError
from omnilinks.version import __version__

CLIENT_KEYS = {"name", "target", "config", "base_url", "assume_extension", "allow_private"}
SITE_FOLDERS = ("site", "public", "_site", "dist", "build", "out")


@dataclass(frozen=True)
class Client:
    """One client of an agency audit, as clients.yml or its sub-folder declares it."""

    name: str
    slug: str  # folder name of the client's results; unique in the audit
    target: str | None  # None when neither the entry nor its config names a site
    config_path: str | None = None
    inline_config: str | None = None  # YAML text, written beside the results before the run
    base_url: str | None = None
    assume_extension: str | None = None
    allow_private: bool = False
    source: str = ""  # where the client was declared, for messages

    def fingerprint(self) -> str:
        """Same definition and config → same fingerprint: what --resume trusts to skip a client."""
        config_text = self.inline_config or ""
        if self.config_path and Path(self.config_path).is_file():
            config_text += Path(self.config_path).read_text(encoding="utf-8", errors="replace")
        data = [__version__, self.name, self.target, self.base_url, self.assume_extension, self.allow_private,
                config_text]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "client"


def load_clients(path: str | Path) -> list[Client]:
    source = Path(path)
    if source.is_dir():
        clients = _from_folder(source)
    elif source.is_file():
        clients = _from_file(source)
    else:
        raise OmnilinksError(f"{path}: no such clients file or folder")
    if not clients:
        raise OmnilinksError(f"{path}: no clients found")
    _check_unique(clients)
    return clients


def _check_unique(clients: list[Client]) -> None:
    seen: dict[str, Client] = {}
    for client in clients:
        other = seen.get(client.slug)
        if other is not None:
            raise OmnilinksError(f"{client.source}: client {client.name!r} has the same results folder "
                                 f"{client.slug!r} as {other.name!r} ({other.source}); rename one")
        seen[client.slug] = client


def _from_folder(folder: Path) -> list[Client]:
    clients = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        config = next((sub / n for n in CONFIG_NAMES if (sub / n).is_file()), None)
        if config is None:
            continue
        sites = [sub / n for n in SITE_FOLDERS if (sub / n).is_dir()]
        try:
            loaded = load_config(config)
        except ConfigError:
            # Reported in this client's entry when it runs; one bad config must not stop the portfolio.
            clients.append(Client(name=sub.name, slug=slugify(sub.name), target=str(sites[0]) if sites else None,
                                  config_path=str(config), source=str(config)))
            continue
        target = str(sites[0]) if sites else loaded.site_url
        name = str(loaded.brand.get("name") or sub.name)
        clients.append(Client(name=name, slug=slugify(sub.name), target=target, config_path=str(config),
                              source=str(config)))
    return clients


def _from_file(path: Path) -> list[Client]:
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(str(path), f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
                          line=mark.line + 1 if mark else None) from None
    if isinstance(root, yaml.MappingNode) and [k.value for k, _ in root.value] == ["clients"]:
        root = root.value[0][1]
    entries: list[tuple[str | None, yaml.Node]] = []
    if isinstance(root, yaml.SequenceNode):
        entries = [(None, item) for item in root.value]
    elif isinstance(root, yaml.MappingNode):
        entries = [(key.value, value) for key, value in root.value]
    else:
        raise ConfigError(str(path), "expected a list of clients or a mapping of name → client",
                          line=root.start_mark.line + 1 if root is not None else None)
    return [_client(path, name, node) for name, node in entries]


def _client(path: Path, key_name: str | None, node: yaml.Node) -> Client:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(str(path), "expected a mapping with name, target and config", line, key_name or "client")
    data: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.value not in CLIENT_KEYS:
            raise ConfigError(str(path), f"unknown key (known: {', '.join(sorted(CLIENT_KEYS))})",
                              key_node.start_mark.line + 1, key_node.value)
        data[key_node.value] = (yaml.safe_load(yaml.serialize(value_node)), value_node)
    name = str(data.pop("name", (key_name, None))[0] or "")
    if not name:
        raise ConfigError(str(path), "missing required key 'name'", line, "client")
    config_value, config_node = data.pop("config", (None, None))
    config_path = inline = None
    if isinstance(config_value, dict):
        inline = yaml.safe_dump(config_value, sort_keys=False, allow_unicode=True)
    elif isinstance(config_value, str):
        config_path = str((path.parent / config_value).resolve())
        if not Path(config_path).is_file():
            raise ConfigError(str(path), f"config file {config_value} not found", config_node.start_mark.line + 1,
                              f"{name}.config")
    elif config_value is not None:
        raise ConfigError(str(path), "expected a path or an inline config mapping", config_node.start_mark.line + 1,
                          f"{name}.config")
    target = _string(data, "target", path, name)
    if target and not is_url(target):
        target = str((path.parent / target).resolve())
    if target is None and isinstance(config_value, dict):
        target = (config_value.get("site") or {}).get("url")
    allow_private = data.get("allow_private", (False, None))
    if not isinstance(allow_private[0], bool):
        raise ConfigError(str(path), "expected true or false", allow_private[1].start_mark.line + 1,
                          f"{name}.allow_private")
    return Client(name=name, slug=slugify(name), target=target, config_path=config_path, inline_config=inline,
                  base_url=_string(data, "base_url", path, name), assume_extension=_string(data, "assume_extension",
                  path, name), allow_private=allow_private[0], source=f"{path}:{line}")


def _string(data: dict[str, Any], key: str, path: Path, name: str) -> str | None:
    value, node = data.get(key, (None, None))
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(str(path), f"expected a string, got {value!r}", node.start_mark.line + 1, f"{name}.{key}")
    return value
