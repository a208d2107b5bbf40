"""Every registered format renders a real report and an empty one: a forgotten format fails here."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from omnilinks.cli import cli
from omnilinks.models import Identity, Report
from omnilinks.report import FORMATS, RenderOptions

EXPECTED = {"text", "json", "github", "sarif", "markdown", "html", "junit"}


def test_registry_holds_every_format() -> None:
    assert EXPECTED <= set(FORMATS)
    for name, fmt in FORMATS.items():
        assert fmt.name == name and fmt.extension.startswith(".") and fmt.description


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_renders_the_sample(name: str, sample: Callable[..., Report], in_site) -> None:
    report = sample()
    out = FORMATS[name].render(report, RenderOptions(repo_root="."))
    assert isinstance(out, str) and out.endswith("\n")
    if name not in ("github",):  # github annotates only; it need not repeat the target
        assert "kopisenja" in out.lower()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_renders_an_empty_report(name: str) -> None:
    empty = Report(target="https://example.com/", findings=(), channels=(), identity=Identity(), pages=0, links=0,
                   version="0.0.0")
    assert isinstance(FORMATS[name].render(empty, RenderOptions()), str)


def test_cli_format_choices_come_from_the_registry() -> None:
    check = cli.commands["check"]
    option = next(p for p in check.params if p.name == "fmt")
    assert set(option.type.choices) == set(FORMATS)
