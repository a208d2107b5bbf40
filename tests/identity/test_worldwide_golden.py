"""Businesses outside Indonesia, end to end: a US bakery, a UK bookshop on a shared
host (netlify.app) and an Australian café, each site folder with its omnilinks.yml and
its channels' answers recorded. Equivalent address forms stay quiet, planted
differences are found; the reports are golden.

Regenerate after an intended change: OMNILINKS_UPDATE_GOLDEN=1 pytest tests/identity/test_worldwide_golden.py
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import responses
from golden_files import golden_json

from omnilinks.pipeline import check
from omnilinks.report.json_format import to_dict

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "worldwide"
GOLDEN = Path(__file__).resolve().parent / "golden"
SITES = ("us-bakery", "uk-bookshop", "au-cafe")
# Whether a profile linking to someone else's *.netlify.app site links back needs the
# Public Suffix List (branch i11b); that channel is asserted on its own, below.
PSL_CHANNELS = {"https://londonbookshops.example/shops/piccadilly-books"}


def report(name: str) -> dict[str, Any]:
    fixture = FIXTURES / name
    manifest = json.loads((fixture / "responses" / "manifest.json").read_text(encoding="utf-8"))
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        for url, answer in manifest.items():
            body = (fixture / "responses" / answer["file"]).read_bytes() if "file" in answer else answer.get("body", "")
            mock.add(responses.GET, url, status=answer.get("status", 200), body=body,
                     headers=answer.get("headers", {}), content_type="text/html; charset=utf-8")
        result = check(str(fixture / "site"), config_path=str(fixture / "omnilinks.yml"), use_cache=False)
    data = to_dict(result)
    data["tool"].pop("version")
    data["run"] = {key: "*" for key in data["run"]}  # the clock, not the report
    return json.loads(json.dumps(data).replace(str(fixture), f"fixtures/worldwide/{name}"))


def without_psl(data: dict[str, Any]) -> dict[str, Any]:
    """The report without what the Public Suffix List decides (see PSL_CHANNELS)."""
    out = dict(data)
    out["channels"] = [c for c in data["channels"] if c["url"] not in PSL_CHANNELS]
    out["findings"] = [f for f in data["findings"] if f.get("target") not in PSL_CHANNELS]
    out.pop("summary", None)
    return out


def address_findings(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    return sorted((f["rule"], f["actual"], f["message"].rsplit("(", 1)[-1].rstrip(")"))
                  for f in data["findings"] if f.get("field") == "address")


@pytest.mark.parametrize("name", SITES)
def test_report_matches_golden(name: str) -> None:
    data = without_psl(report(name))
    expected = golden_json(GOLDEN / f"worldwide-{name}.json", data)
    assert data["channels"] == expected["channels"]
    assert data["findings"] == expected["findings"]
    assert data == expected


PLANTED = {
    "us-bakery": [
        ("channel-address-differs", "1 Brattle Square, Suite 40, Cambridge, MA 02138", "unit 4 vs unit 40"),
        ("nap-address-mismatch", "1 Brattle Square, Suite 4, Cambridge, MA 02139", "postcode 02138 vs 02139"),
        ("nap-address-mismatch", "1 Brattle Square, Suite 5, Cambridge, MA 02138", "unit 4 vs unit 5"),
        ("nap-address-mismatch", "11 Brattle Square, Suite 4, Cambridge, MA 02138", "house number 1 vs 11"),
    ],
    "uk-bookshop": [
        ("nap-address-mismatch", "187 Jermyn Street, London W1J 9LE", "street 'piccadilly' vs 'jermyn street'"),
        ("nap-address-mismatch", "187 Piccadilly, London W1J 9LF", "postcode W1J 9LE vs W1J 9LF"),
        ("nap-address-mismatch", "189 Piccadilly, London W1J 9LE, UK", "house number 187 vs 189"),
    ],
    "au-cafe": [
        ("channel-address-differs", "12 Smith Street, Fitzroy, VIC 3000, Australia", "postcode 3065 vs 3000"),
        ("nap-address-mismatch", "Shop 4/12 Smith Street, Collingwood VIC 3066", "postcode 3065 vs 3066"),
        ("nap-address-mismatch", "Shop 4/14 Smith Street, Fitzroy VIC 3065", "house number 12 vs 14"),
        ("nap-address-mismatch", "Shop 5/12 Smith Street, Fitzroy VIC 3065", "unit 4 vs unit 5"),
    ],
}
# What each site states in equivalent forms: these must be read, and stay quiet.
EQUIVALENT_SOURCES = {"us-bakery": {"jsonld", "address", "text"}, "uk-bookshop": {"jsonld", "address", "text", "hcard"},
                      "au-cafe": {"jsonld", "address", "text"}}


@pytest.mark.parametrize("name", SITES)
def test_planted_differences_are_the_only_address_findings(name: str) -> None:
    assert address_findings(report(name)) == PLANTED[name]


@pytest.mark.parametrize("name", SITES)
def test_equivalent_forms_are_read_and_stay_quiet(name: str) -> None:
    from omnilinks.extract.html import parse_page

    planted = {actual for _, actual, _ in PLANTED[name]}
    country = {"us-bakery": "US", "uk-bookshop": "GB", "au-cafe": "AU"}[name]
    read = [fact for path in sorted((FIXTURES / name / "site").glob("*.html"))
            for fact in parse_page(path.read_bytes(), "https://site.example/" + path.name, path=str(path),
                                   region=country).facts if fact.field == "address"]
    quiet = [fact for fact in read if fact.value not in planted]
    assert {fact.source for fact in quiet} == EQUIVALENT_SOURCES[name]
    assert len({fact.value for fact in quiet}) >= 4  # written at least four different ways


def test_a_link_to_someone_elses_netlify_site_is_not_a_link_back() -> None:
    channel = next(c for c in report("uk-bookshop")["channels"] if c["url"] in PSL_CHANNELS)
    assert channel["links_back"] is False and channel["status"] != "verified"


def test_a_link_to_the_shops_own_netlify_site_is_a_link_back() -> None:
    channel = next(c for c in report("uk-bookshop")["channels"] if "booksellers" in c["url"])
    assert channel["links_back"] is True and channel["status"] == "verified"
