"""The rule catalogue: every rule documented once, docs/rules.md generated from it, `omnilinks rules`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from omnilinks.cli import main
from omnilinks.rules.base import RULES
from omnilinks.rules.catalogue import RULES_DOCS_URL, missing_texts, rule_catalogue, rule_url, rules_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_every_registered_rule_is_documented() -> None:
    undocumented = {r.id: missing_texts(r) for r in rule_catalogue().values() if missing_texts(r)}
    assert not undocumented, f"rules without catalogue texts (rule(..., why=, how_to_fix=, example=)): {undocumented}"
    for rule in rule_catalogue().values():
        assert len(rule.why) > len(rule.summary), rule.id  # says more than the one-line summary


def test_the_catalogue_is_the_whole_registry() -> None:
    catalogue = rule_catalogue()
    assert set(catalogue) == set(RULES) and len(catalogue) >= 48


def test_docs_rules_md_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: regenerate with `omnilinks rules --markdown > docs/rules.md`")


def test_every_rule_url_lands_on_its_heading() -> None:
    headings = set(re.findall(r"^### (\S+)$", DOCS.read_text(encoding="utf-8"), re.M))
    for rule_id in rule_catalogue():
        assert rule_id in headings
        assert rule_url(rule_id) == f"{RULES_DOCS_URL}#{rule_id}"


def test_rules_url_can_be_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMNILINKS_RULES_URL", "https://docs.agency.example/omnilinks/rules/")
    assert rule_url("link-broken") == "https://docs.agency.example/omnilinks/rules/#link-broken"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
        raise SystemExit(0)
    out = capsys.readouterr()
    return int(exited.value.code or 0), out.out, out.err


def test_rules_command_explains_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["rules", "schema-telephone-no-country-code"], capsys)
    assert code == 0
    rule = RULES["schema-telephone-no-country-code"]
    for part in ("Why it matters", "How to fix", "Example", rule.summary, "+62 21 5550123"):
        assert part in out
    assert rule_url(rule.id) in out


def test_rules_command_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["rules"], capsys)
    assert code == 0
    listed = set(re.findall(r"^  (\S+)", out, re.M))
    assert listed == set(rule_catalogue())


def test_unknown_rule_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["rules", "link-redirct"], capsys)
    assert code == 2 and not out
    assert err.count("\n") == 1 and "link-redirect" in err  # suggests the near miss


def test_markdown_flag_prints_docs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["rules", "--markdown"], capsys)
    assert code == 0 and out == rules_markdown()
