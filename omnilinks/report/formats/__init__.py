"""Every output format, one module each, in one registry (`--format NAME`).

A format is a `report.base.Format`: a name, a file extension and a render
function. The helpers the formats share (locating a finding in the sources,
grouping problems, the channel and NAP tables, safe text) live one level up,
in `omnilinks/report/`.

The registry names each format's module and imports it on first use: a run writes
one or two formats, and loading all seven would cost every run their start-up time.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping

from omnilinks.report.base import Format

# name → the module whose FORMAT it is, in the order the formats are listed.
MODULES: dict[str, str] = {
    "text": "omnilinks.report.formats.text",
    "json": "omnilinks.report.formats.json",
    "github": "omnilinks.report.formats.github",
    "sarif": "omnilinks.report.formats.sarif",
    "markdown": "omnilinks.report.formats.markdown",
    "html": "omnilinks.report.formats.html",
    "junit": "omnilinks.report.formats.junit",
}


class _Formats(MutableMapping[str, Format]):
    """The formats by name; a format's module is imported when the format is first looked up.
    A format set by hand (a plugin's, a test's stand-in) is kept as given, as in a dict."""

    def __init__(self, modules: Mapping[str, str]):
        self._modules = dict(modules)
        self._loaded: dict[str, Format] = {}

    def __getitem__(self, name: str) -> Format:
        found = self._loaded.get(name)
        if found is None:
            found = importlib.import_module(self._modules[name]).FORMAT
            assert isinstance(found, Format)
            self._loaded[name] = found
        return found

    def __setitem__(self, name: str, fmt: Format) -> None:
        self._modules.setdefault(name, "")  # given, not imported: keeps its place, or comes last
        self._loaded[name] = fmt

    def __delitem__(self, name: str) -> None:
        del self._modules[name]
        self._loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._modules

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


FORMATS: MutableMapping[str, Format] = _Formats(MODULES)

__all__ = ["FORMATS", "Format"]
