"""`junit`: a suite per category, failures for errors and warnings, a passing case for clean categories."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from omnilinks.models import Finding, Location, Report
from omnilinks.report import RenderOptions
from omnilinks.report.formats import junit


def test_suites_and_failures(sample: Callable[..., Report], in_site) -> None:
    root = ET.fromstring(junit.render(sample(), RenderOptions(repo_root=".")))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["link", "crossref", "nap", "schema", "brand", "attribution"]
    assert suites["link"].get("tests") == "5" and suites["link"].get("failures") == "4"  # the notice passes
    schema_cases = list(suites["schema"].iter("testcase"))
    assert len(schema_cases) == 1 and not list(schema_cases[0]) and suites["schema"].get("failures") == "0"
    assert root.get("failures") == str(sum(int(s.get("failures")) for s in suites.values()))
    missing = next(c for c in root.iter("testcase") if c.get("name", "").startswith("link-internal-missing"))
    assert missing.get("file") == "public/about/index.html" and missing.get("line") == "5"
    assert "fix: Link https://kopisenja.id/menu/" in missing.find("failure").text


def test_text_that_xml_cannot_hold_is_replaced(sample: Callable[..., Report]) -> None:
    bad = Finding("link-broken", "link", "error", "bad \x00\x1b\ufffe <&>", Location("a.html", 1), target="\ud800x")
    root = ET.fromstring(junit.render(sample(findings=[bad]), RenderOptions()))
    failure = next(root.iter("failure"))
    assert "<&>" in failure.get("message") and "\\x1b" in failure.get("message")
