"""`sarif`: valid SARIF 2.1.0, results on files in the repository, stable fingerprints."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from omnilinks.models import Finding, Location, Report
from omnilinks.report import RenderOptions
from omnilinks.report.formats import sarif
from omnilinks.rules.base import RULES

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "sarif-schema-2.1.0.json"


def render(report: Report) -> dict:
    return json.loads(sarif.render(report, RenderOptions(repo_root=".")))


def test_validates_against_the_official_schema(sample: Callable[..., Report], in_site: Path) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA} (only the development workspace has ../shared/reference)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)  # the 2.1.0 schema is draft-04
    errors = sorted(validator.iter_errors(render(sample())), key=str)
    assert not errors, errors[0]
    empty = render(sample(findings=[]))
    assert not list(validator.iter_errors(empty))


def test_results_point_at_repository_files(sample: Callable[..., Report], in_site: Path) -> None:
    run = render(sample())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.rule for f in sample().findings})
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith("/") and (in_site / uri).is_file(), uri
        assert location["region"]["startLine"] >= 1
    mapped = next(r for r in run["results"] if r["ruleId"] == "link-internal-missing")
    assert mapped["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/about.md"
    assert mapped["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "public/about/index.html"
    channel = next(r for r in run["results"] if r["ruleId"] == "channel-no-link-back")
    assert channel["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "omnilinks.yml"},
                                                          "region": {"startLine": 11}}
    remote = next(r for r in run["results"] if r["ruleId"] == "link-unreachable")
    assert remote["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}  # on the config
    assert run["properties"]["omnilinks"]["unlocatedFindings"] == 0


def test_rule_descriptions_come_from_the_catalogue(sample: Callable[..., Report], in_site: Path) -> None:
    rules = {r["id"]: r for r in render(sample())["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["link-broken"]["shortDescription"]["text"] == RULES["link-broken"].summary
    assert rules["link-redirect"]["defaultConfiguration"]["level"] == "warning"


def test_findings_without_any_file_are_counted_not_lost(sample: Callable[..., Report], in_site: Path) -> None:
    remote = Finding("link-broken", "link", "error", "gone", Location(url="https://example.com/x"),
                     target="https://example.com/y")
    run = render(sample(findings=[remote], config_path=None, channels=()))["runs"][0]
    assert run["results"] == [] and run["properties"]["omnilinks"]["unlocatedFindings"] == 1


def test_fingerprints_survive_line_shifts(sample: Callable[..., Report], in_site: Path) -> None:
    before = Finding("link-broken", "link", "error", "gone", Location("public/index.html", 9, 3), target="https://x.example/")
    after = Finding("link-broken", "link", "error", "gone", Location("public/index.html", 30, 1), target="https://x.example/")
    other = Finding("link-broken", "link", "error", "gone", Location("public/index.html", 9, 3), target="https://y.example/")
    assert sarif.fingerprint(before) == sarif.fingerprint(after) != sarif.fingerprint(other)


def test_every_declared_rule_links_its_documentation(sample: Callable[..., Report], in_site: Path) -> None:
    from omnilinks.rules.catalogue import rule_catalogue, rule_url

    document = json.loads(sarif.render(sample(), RenderOptions(repo_root=".")))
    declared = rule_catalogue()
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert any(r["id"] in declared for r in rules)
    for entry in rules:
        if entry["id"] not in declared:
            assert "helpUri" not in entry  # no link to a section that does not exist
            continue
        assert entry["helpUri"] == rule_url(entry["id"])
        assert len(entry["fullDescription"]["text"]) > len(entry["shortDescription"]["text"]) + 20
        assert declared[entry["id"]].how_to_fix in entry["help"]["text"]
        assert entry["helpUri"] in entry["help"]["markdown"]
