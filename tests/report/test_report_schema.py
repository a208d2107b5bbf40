"""The JSON Schema shipped in the package: every format's source report validates against it."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from omnilinks.cli import DEMO_DIR
from omnilinks.models import BaselineDiff, Report
from omnilinks.pipeline import RunOptions, run
from omnilinks.report import RenderOptions, json_format
from omnilinks.report.base import write_atomic
from omnilinks.report.formats import json as json_report

REPO = Path(__file__).resolve().parents[2]


def validate(document: dict) -> None:
    schema = json_format.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def test_the_sample_report_validates(sample: Callable[..., Report]) -> None:
    validate(json.loads(json_report.render(sample(), RenderOptions())))


def test_the_demo_report_validates_and_says_when_it_ran() -> None:
    report = run(str(DEMO_DIR / "site"), RunOptions(config_path=str(DEMO_DIR / "omnilinks.yml"),
                                                    har=str(DEMO_DIR / "recorded.har"), replay_only=True,
                                                    use_cache=False))
    document = json.loads(json_report.render(report, RenderOptions()))
    validate(document)
    assert document["schema_version"] == 1 and document["tool"]["version"]
    assert document["site_url"] == "https://kopisenja.id"
    assert document["run"]["started_at"].endswith("Z") and 0 <= document["run"]["duration_seconds"] < 120


def test_a_folder_without_a_public_url_has_none(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body><p>hi</p></body></html>", encoding="utf-8")
    report = run(str(tmp_path), RunOptions(offline=True, use_cache=False))
    document = json.loads(json_report.render(report, RenderOptions()))
    validate(document)
    assert document["site_url"] is None  # never the placeholder http://localhost/


@pytest.mark.parametrize("change", ["renamed", "unknown", "bad-status", "bad-severity"])
def test_the_schema_is_explicit(sample: Callable[..., Report], change: str) -> None:
    document = json.loads(json_report.render(sample(), RenderOptions()))
    if change == "renamed":
        document["findings"][0]["rule_id"] = document["findings"][0].pop("rule")
    elif change == "unknown":
        document["surprise"] = True
    elif change == "bad-status":
        document["channels"][0]["status"] = "fine"
    else:
        document["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_the_schema_ships_in_the_package() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    package_data = pyproject.split("[tool.setuptools.package-data]", 1)[1].split("\n[", 1)[0]
    assert '"report/schema/*.json"' in package_data
    assert (REPO / "omnilinks" / "report" / "schema" / json_format.SCHEMA_FILE).is_file()


@pytest.mark.parametrize(("findings", "baseline"), [(None, None), ([], None), (None, BaselineDiff("old.json", 1, 2))])
def test_the_json_report_in_pieces_is_the_same_text(sample: Callable[..., Report], findings: list | None,
                                                     baseline: BaselineDiff | None, tmp_path: Path) -> None:
    report = sample(findings, baseline=baseline)
    whole = json.dumps(json_format.to_dict(report), indent=2, ensure_ascii=False) + "\n"
    pieces = list(json_format.pieces(report))
    assert "".join(pieces) == whole and len(pieces) == (len(report.findings) + 2 if report.findings else 1)
    write_atomic(tmp_path / "r.json", json_report.FORMAT.pieces(report, RenderOptions()))
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == whole


def test_indented_json_is_the_text_json_writes() -> None:
    import random

    rng = random.Random(1)

    def value(depth: int = 0) -> object:
        roll = rng.random()
        if depth > 3 or roll < 0.4:
            return rng.choice(["a", 'é\n"x', 1, -2.5, 1e300, True, False, None, "", "\u2028", 0, 3.0, -7, 10**30])
        if roll < 0.7:
            return {rng.choice(["k", "ä", ""]) + str(i): value(depth + 1) for i in range(rng.randrange(0, 4))}
        return [value(depth + 1) for _ in range(rng.randrange(0, 4))]

    for _ in range(5_000):
        item = value()
        assert json_format.indented(item) == json.dumps(item, indent=2, ensure_ascii=False)
        assert json_format.indented(item, "\n    ") == json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")


def test_a_location_as_a_dict_is_what_asdict_makes() -> None:
    from dataclasses import asdict

    from omnilinks.models import Location

    for location in (Location(), Location("a.html", 3, 7), Location(None, None, None, "https://x.example/#a")):
        assert location.to_dict() == asdict(location)
        assert list(location.to_dict()) == list(asdict(location))  # the report's key order
