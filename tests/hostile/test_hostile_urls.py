"""URLs no parser can split ("http://[::1", a bad port) in a page's links, <base>, meta
and JSON-LD: reported as malformed where they are links, never a crash of the run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses
from click.testing import CliRunner

from omnilinks.cli import cli
from omnilinks.extract.html import parse_page

PAGE = """<html><head><title>Menu | Kopi Senja</title><base href="http://[bad">
<meta property="og:image" content="http://[x/logo.png"><link rel="icon" href="http://h:99999/i.png">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "CafeOrCoffeeShop",
 "name": "Kopi Senja", "url": "http://[bad/", "logo": "http://[bad/l.png", "image": "https://x:abc/",
 "sameAs": ["http://[::1/", "https://www.instagram.com:99999/kopisenja"], "telephone": "+62 21 5550123"}</script>
</head><body>
<a href="http://[::1/x#a">v6</a> <a href="http://[zz]/">host</a> <a href="https://ok.example:99999/">port</a>
<a rel="me" href="https://instagram.com:abc/kopisenja">ig</a> <a href="https://example.org/fine">fine</a>
</body></html>"""


def test_unparseable_links_are_set_apart_and_facts_dropped() -> None:
    page = parse_page(PAGE, "https://kopisenja.id/", path="index.html")
    assert [link.raw for link in page.links] == ["https://example.org/fine"]
    assert [link.raw for link in page.malformed] == [
        "http://h:99999/i.png", "http://[::1/x#a", "http://[zz]/", "https://ok.example:99999/",
        "https://instagram.com:abc/kopisenja"]
    assert all(link.location.line for link in page.malformed)
    urls = {str(f.value) for f in page.facts if f.field in ("logo", "website", "image", "profile", "icon")}
    assert not any("[" in url or ":99999" in url or ":abc" in url for url in urls)


@pytest.mark.parametrize("offline", [True, False])
def test_a_run_over_unparseable_urls_reports_them(tmp_path: Path, offline: bool) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    args = ["check", str(tmp_path), "--format", "json", "--no-progress", "--no-cache"]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        mocked.add(responses.HEAD, "https://example.org/fine", status=200)
        result = CliRunner().invoke(cli, args + (["--offline"] if offline else []))
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    malformed = sorted(f["target"] for f in report["findings"] if f["rule"] == "link-malformed")
    assert malformed == sorted(["http://h:99999/i.png", "http://[::1/x#a", "http://[zz]/",
                                "https://ok.example:99999/", "https://instagram.com:abc/kopisenja"])
    port = next(f for f in report["findings"] if f["target"] == "https://ok.example:99999/")
    assert "Port out of range" in port["message"] and port["location"]["line"] == 7
    assert not any(f["rule"].startswith("link-") and f["target"] == "https://example.org/fine"
                   for f in report["findings"])
