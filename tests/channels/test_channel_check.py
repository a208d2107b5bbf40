"""check_channels through the pipeline: what is visited, offline runs, facts,
HAR evidence and config mistakes."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import responses

from omnilinks.errors import ConfigError
from omnilinks.pipeline import check

FOOTER = """<!DOCTYPE html><html><head><title>Kopi Senja</title></head><body>
<footer>
<a href="https://www.instagram.com/kopisenja/">IG</a>
<a href="https://www.instagram.com/kopisenja_promo/">IG promo</a>
<a href="https://wa.me/6281299998888">WA</a>
<a href="https://twitter.com/intent/tweet?text=hi">Share</a>
<a href="https://kopisenja.id/menu">Menu</a>
</footer></body></html>"""


def site(tmp_path: Path, config: str, page: str = FOOTER) -> tuple[str, str]:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "omnilinks.yml").write_text(config, encoding="utf-8")
    return str(tmp_path / "site"), str(tmp_path / "omnilinks.yml")


BRAND = """site: {url: https://kopisenja.id}
brand: {name: Kopi Senja, whatsapp: "+62 812 3456 7890"}
"""


def test_without_declared_channels_the_linked_profiles_are_visited_offline(tmp_path: Path) -> None:
    target, config = site(tmp_path, BRAND)
    with responses.RequestsMock() as mock:
        report = check(target, config_path=config, offline=True)
        assert len(mock.calls) == 0
    channels = {c.url: c for c in report.channels}
    assert set(channels) == {"https://www.instagram.com/kopisenja/", "https://www.instagram.com/kopisenja_promo/",
                             "https://wa.me/6281299998888"}
    assert all(not c.declared for c in channels.values())
    assert channels["https://www.instagram.com/kopisenja/"].reason == "offline"
    # The WhatsApp number needs no network: still compared offline.
    assert channels["https://wa.me/6281299998888"].status == "mismatch"
    rules = [f.rule for f in report.findings]
    assert "channel-duplicate-account" in rules
    assert "channel-unverifiable" not in rules  # offline is the user's choice, not a finding per channel


def test_facts_decide_a_walled_platform_offline(tmp_path: Path) -> None:
    target, config = site(tmp_path, BRAND + """channels:
  - url: https://www.instagram.com/kopisenja/
    facts: {checked: 2025-03-01, website: "https://kopisenja.com", name: Kopi Senja}
""")
    report = check(target, config_path=config, offline=True)
    (profile,) = report.channels
    assert (profile.status, profile.website, profile.evidence) == ("mismatch", "https://kopisenja.com", "facts (checked 2025-03-01)")
    wrong = [f for f in report.findings if f.rule == "channel-wrong-site"]
    assert len(wrong) == 1 and wrong[0].location.line == 4 and wrong[0].location.path == config
    assert "facts (checked 2025-03-01)" in wrong[0].message
    assert "channel-undeclared" in [f.rule for f in report.findings]


@pytest.mark.parametrize("channel,key", [
    ("  - {url: 'https://www.facebook.com/sharer/sharer.php?u=x'}", "channels[0]"),
    ("  - {url: 'https://kopisenja.example/', platform: myspace}", "channels[0].platform"),
    ("  - {url: 'https://kopisenja.example/', platform: instagram}", "channels[0]"),
    ("  - {url: 'https://www.instagram.com/kopisenja/', facts: {checked: yesterday}}", "channels[0].facts.checked"),
])
def test_config_mistakes_name_file_line_and_key(tmp_path: Path, channel: str, key: str) -> None:
    target, config = site(tmp_path, BRAND + "channels:\n" + channel + "\n")
    with pytest.raises(ConfigError) as error:
        check(target, config_path=config, offline=True)
    assert error.value.line == 4 and error.value.key == key
    assert str(error.value).startswith(f"{config}:4: {key}:")


def test_har_evidence_is_shown(tmp_path: Path) -> None:
    target, config = site(tmp_path, BRAND + "check: {external: false}\nchannels:\n  - https://www.tiktok.com/@kopisenja\n")
    page = (Path(__file__).resolve().parents[2] / "fixtures" / "platforms" / "tiktok" / "profile.html").read_bytes()
    har = {"log": {"version": "1.2", "entries": [{
        "request": {"method": "GET", "url": "https://www.tiktok.com/@kopisenja"},
        "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "text/html; charset=utf-8"}],
                     "content": {"mimeType": "text/html", "encoding": "base64", "text": base64.b64encode(page).decode()}}}]}}
    (tmp_path / "browser.har").write_text(json.dumps(har), encoding="utf-8")
    with responses.RequestsMock() as mock:  # nothing may reach the network
        report = check(target, config_path=config, har=str(tmp_path / "browser.har"), use_cache=False)
        assert len(mock.calls) == 0
    (profile,) = report.channels
    assert (profile.status, profile.evidence) == ("verified", "har")
    assert profile.reason.endswith("(read from the HAR file)")


def test_declared_url_without_adapter_goes_to_generic(tmp_path: Path) -> None:
    target, config = site(tmp_path, BRAND + "channels:\n  - https://direktori.example/kopi-senja\n")
    report = check(target, config_path=config, offline=True)
    assert [c.platform for c in report.channels] == ["generic"]
    not_linked = [f for f in report.findings if f.rule == "channel-not-linked"]
    assert not_linked and '<a href="https://direktori.example/kopi-senja" rel="me">' in not_linked[0].fix
    assert "footer of the home page" in not_linked[0].fix
