from __future__ import annotations

from pathlib import Path

import pytest
import responses

import omnilinks
from omnilinks.fetch import HttpClient, HttpOptions, ResultCache

PAGE = """<html><body>
<a href="https://ok.example.com/">ok</a>
<a href="https://head-refused.example.com/">head refused</a>
<a href="https://gone.example.com/page">gone</a>
<a href="https://moved.example.com/old">moved</a>
<a href="https://www.linkedin.com/company/kopisenja">linkedin</a>
<a href="https://error.example.com/">5xx</a>
<a href="https://ok.example.com/#section">same url, fragment</a>
</body></html>"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(PAGE)
    return tmp_path


def by_target(report: omnilinks.Report) -> dict[str, str]:
    return {f.target: f.rule for f in report.findings if f.category == "link"}


@responses.activate
def test_external_statuses_are_reported_truthfully(site: Path) -> None:
    responses.head("https://ok.example.com/", status=200)
    # Linked with a #fragment too: that page is read (once) to find the section.
    responses.get("https://ok.example.com/", body="<h2 id='section'>Section</h2>", content_type="text/html")
    responses.head("https://head-refused.example.com/", status=405)
    responses.get("https://head-refused.example.com/", status=200)
    responses.head("https://gone.example.com/page", status=404)
    responses.get("https://gone.example.com/page", status=404)
    responses.head("https://moved.example.com/old", status=301, headers={"Location": "https://moved.example.com/new"})
    responses.head("https://moved.example.com/new", status=200)
    responses.head("https://www.linkedin.com/company/kopisenja", status=999)
    responses.get("https://www.linkedin.com/company/kopisenja", status=999)
    responses.get("https://www.linkedin.com/company/kopisenja/", status=999)
    responses.head("https://error.example.com/", status=503)
    responses.get("https://error.example.com/", status=503)
    report = omnilinks.check(str(site), base_url="https://kopisenja.id", use_cache=False)
    assert by_target(report) == {
        "https://gone.example.com/page": "link-broken",
        "https://moved.example.com/old": "link-redirect",
        "https://error.example.com/": "link-broken",
    }
    # A profile link is judged once, by its channel adapter: LinkedIn's 999 is a wall, never "broken".
    linkedin = [f for f in report.findings if "linkedin" in (f.target or "")]
    assert [(f.rule, f.severity) for f in linkedin] == [("channel-unverifiable", "notice")]
    moved = next(f for f in report.findings if f.rule == "link-redirect")
    assert moved.expected == "https://moved.example.com/new" and "https://moved.example.com/new" in moved.fix
    # One check per URL even when two links differ only by fragment.
    assert sum(1 for c in responses.calls if c.request.url == "https://ok.example.com/") == 1


@responses.activate
def test_retry_after_is_honoured_then_success() -> None:
    responses.head("https://slow.example.com/", status=429, headers={"Retry-After": "0"})
    responses.head("https://slow.example.com/", status=200)
    client = HttpClient(HttpOptions(retries=2, backoff=0.01))
    result = client.check("https://slow.example.com/")
    assert result.ok and result.status == 200
    assert len(responses.calls) == 2


@responses.activate
def test_cache_keeps_successes_and_rechecks_failures(tmp_path: Path) -> None:
    responses.head("https://ok.example.com/", status=200)
    responses.head("https://bad.example.com/", status=404)
    responses.get("https://bad.example.com/", status=404)
    for _ in range(2):
        client = HttpClient(HttpOptions(), cache=ResultCache(tmp_path))
        assert client.check("https://ok.example.com/").ok
        assert not client.check("https://bad.example.com/").ok
        client.cache.close()
    assert sum(1 for c in responses.calls if "ok.example" in c.request.url) == 1
    assert sum(1 for c in responses.calls if "bad.example" in c.request.url) == 4


def test_corrupted_cache_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "results.sqlite").write_bytes(b"this is not a database" * 100)
    cache = ResultCache(tmp_path)
    assert cache.warning and "rebuilt" in cache.warning
    cache.put("k", {"v": 1})
    assert cache.get("k") == {"v": 1}


@responses.activate
def test_body_cap_counts_decoded_bytes() -> None:
    import gzip

    bomb = gzip.compress(b"a" * 5_000_000)
    responses.get("https://bomb.example.com/", body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})
    client = HttpClient(HttpOptions(max_body=100_000))
    result = client.get("https://bomb.example.com/")
    assert result.error == "too_large" and len(result.body) == 100_000


def test_refused_schemes() -> None:
    client = HttpClient()
    assert client.get("file:///etc/passwd").error == "scheme"
    assert client.get("ftp://example.com/").error == "scheme"


def test_host_slots_are_shared_between_clients_of_an_audit() -> None:
    from omnilinks.fetch.hosts import HostSlots

    slots = HostSlots(per_host=2)
    first, second = HttpClient(HttpOptions(), slots=slots), HttpClient(HttpOptions(), slots=slots)
    assert first._slot("https://www.instagram.com/a/") is second._slot("https://www.instagram.com/b/")
    assert first._slot("https://www.instagram.com/a/") is not HttpClient()._slot("https://www.instagram.com/a/")
