"""Options users of the peers expect: check.accept, check.headers with ${ENV}, --max-cache-age."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import responses

import omnilinks
from omnilinks.cli import main
from omnilinks.config import load_config, parse_duration
from omnilinks.errors import ConfigError
from omnilinks.fetch import ResultCache

SECRET = "s3cr3t-Bearer-value-9f1c"


def site_with(tmp_path: Path, body: str, config: str) -> Path:
    site = tmp_path / "public"
    site.mkdir()
    (site / "index.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    (site / "omnilinks.yml").write_text(config, encoding="utf-8")
    return site


@responses.activate
def test_accept_takes_the_listed_codes_for_matching_urls_only(tmp_path: Path) -> None:
    site = site_with(tmp_path, "<a href='https://bots-blocked.example.fr/a'>a</a>"
                               "<a href='https://other.example.fr/b'>b</a><a href='https://shop.example.jp/x'>c</a>",
                     'check:\n  accept:\n    "^https://bots-blocked\\\\.example\\\\.fr/": [403]\n'
                     '    "example\\\\.jp": ["400-499"]\n')
    for url, status in (("https://bots-blocked.example.fr/a", 403), ("https://other.example.fr/b", 403),
                        ("https://shop.example.jp/x", 410)):
        responses.head(url, status=status)
        responses.get(url, status=status)
    report = omnilinks.check(str(site), base_url="https://site.example.fr/", use_cache=False)
    assert [(f.rule, f.target) for f in report.findings if f.category == "link"] == [
        ("link-broken", "https://other.example.fr/b")]


def test_accept_and_headers_validation_names_the_key_and_line(tmp_path: Path) -> None:
    bad = {
        'check:\n  accept:\n    "^https://x/": [999]\n': "omnilinks.yml:3: check.accept.^https://x/: expected an HTTP status code",
        'check:\n  accept:\n    "(unclosed": [403]\n': "omnilinks.yml:3: check.accept.(unclosed: invalid regular expression",
        'check:\n  headers:\n    "^https://staging/":\n      "Bad Header": x\n':
            "omnilinks.yml:3: check.headers.^https://staging/: 'Bad Header' is not a valid HTTP header name",
        "check:\n  max_cache_age: soon\n": "omnilinks.yml:2: check.max_cache_age: expected seconds or a duration",
    }
    for text, message in bad.items():
        path = tmp_path / "omnilinks.yml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_config(path)
        assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)


@responses.activate
def test_headers_are_sent_to_matching_hosts_only_and_never_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("STAGING_TOKEN", SECRET)
    site = site_with(tmp_path, "<a href='https://staging.example.com.br/private'>staging</a>"
                               "<a href='https://public.example.com.br/'>public</a>",
                     'check:\n  headers:\n    "^https://staging\\\\.example\\\\.com\\\\.br/":\n'
                     '      Authorization: "Bearer ${STAGING_TOKEN}"\n      X-Env: staging\n')
    # The staging page redirects to another host: the credentials must not follow it there.
    responses.head("https://staging.example.com.br/private", status=302,
                   headers={"Location": "https://login.example.net/gone"})
    responses.head("https://login.example.net/gone", status=404)
    responses.get("https://login.example.net/gone", status=404)
    responses.get("https://staging.example.com.br/private", status=302,
                  headers={"Location": "https://login.example.net/gone"})
    responses.head("https://public.example.com.br/", status=200)
    out = tmp_path / "report"
    with pytest.raises(SystemExit):
        main(["check", str(site), "--base-url", "https://www.example.com.br/", "--no-cache", "--format", "json",
              "-o", str(out) + ".json", "--report", f"text={out}.txt", "--report", f"sarif={out}.sarif",
              "--report", f"markdown={out}.md", "--report", f"html={out}.html", "--report", f"junit={out}.xml"])
    sent = {call.request.url: call.request.headers for call in responses.calls}
    assert sent["https://staging.example.com.br/private"]["Authorization"] == f"Bearer {SECRET}"
    assert sent["https://staging.example.com.br/private"]["X-Env"] == "staging"
    assert "Authorization" not in sent["https://login.example.net/gone"]
    assert "Authorization" not in sent["https://public.example.com.br/"]
    captured = capsys.readouterr()
    written = [p.read_text(encoding="utf-8") for p in tmp_path.glob("report.*")]
    assert len(written) == 6 and all("staging.example.com.br/private" in text for text in written)  # the finding…
    assert not any(SECRET in text for text in [captured.out, captured.err, *written])  # …the secret is not


def test_a_missing_environment_variable_stops_the_run_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    site = site_with(tmp_path, "<p>x</p>", 'check:\n  headers:\n    "^https://":\n'
                                           '      Authorization: "Basic ${NOT_SET_ANYWHERE}"\n')
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(site), "--offline"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "check.headers.^https://.Authorization: environment variable NOT_SET_ANYWHERE is not set" in err
    assert "Traceback" not in err


def test_durations() -> None:
    assert [parse_duration(t) for t in ("3600", "30m", "12h", "7d", "1w", "1.5h", "90s")] == [
        3600, 1800, 43200, 604800, 604800, 5400, 90]
    with pytest.raises(ValueError):
        parse_duration("tomorrow")


@responses.activate
def test_max_cache_age_decides_when_a_good_result_is_checked_again(tmp_path: Path) -> None:
    site = site_with(tmp_path, "<a href='https://cached.example.nl/'>x</a>", "")
    responses.head("https://cached.example.nl/", status=200)
    omnilinks.check(str(site), base_url="https://site.example.nl/")
    assert len(responses.calls) == 1
    omnilinks.check(str(site), base_url="https://site.example.nl/")
    assert len(responses.calls) == 1  # within the default day: reused
    time.sleep(1.1)
    omnilinks.check(str(site), base_url="https://site.example.nl/", max_cache_age=1)
    assert len(responses.calls) == 2  # older than one second: checked again
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(site), "--base-url", "https://site.example.nl/", "--max-cache-age", "1d"])
    assert stopped.value.code == 0 and len(responses.calls) == 2
    assert ResultCache(max_age=5).max_age == 5


def test_max_cache_age_rejects_what_is_not_a_duration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_with(tmp_path, "<p>x</p>", "")
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(site), "--max-cache-age", "later"])
    assert stopped.value.code == 2
    assert "--max-cache-age" in capsys.readouterr().err


@responses.activate
def test_fragments_on_other_sites_pages_online(tmp_path: Path) -> None:
    site = site_with(tmp_path, (
        "<a href='https://docs.example.ca/guide/#install'>ok</a>\n"
        "<a href='https://docs.example.ca/guide/#instal'>typo</a>\n"
        "<a href='https://docs.example.ca/guide/#Install'>case differs</a>\n"
        "<a href='https://github.example/o/r#usage'>readme heading</a>\n"
        "<a href='https://app.example.ca/#pricing'>javascript app</a>\n"
        "<a href='https://docs.example.ca/guide/#top'>top</a><a href='https://docs.example.ca/guide/'>no fragment</a>\n"
        "<a href='https://spa.example.ca/#/route/x'>hash route</a>\n"), "")
    guide = ("<html><body><h1 id='guide'>Guide</h1><p>" + "Words a reader sees. " * 20 +
             "</p><h2 id='install'>Install</h2></body></html>")
    responses.get("https://docs.example.ca/guide/", body=guide, content_type="text/html; charset=utf-8")
    responses.get("https://github.example/o/r", content_type="text/html",
                  body="<article><h2 id='user-content-usage'>Usage</h2>" + "<p>readme text</p>" * 20 + "</article>")
    responses.get("https://app.example.ca/", content_type="text/html",
                  body="<html><body><div id='root'></div><noscript>Enable JavaScript</noscript>"
                       "<script src='/app.js'></script></body></html>")
    responses.get("https://spa.example.ca/", content_type="text/html", body="<div id='app'></div><script></script>")
    report = omnilinks.check(str(site), base_url="https://site.example.ca/", use_cache=False)
    got = sorted((f.location.line, f.rule, f.severity, f.message) for f in report.findings if f.category == "link")
    assert got == [
        (2, "link-fragment-missing", "error", "#instal is not an id or anchor on https://docs.example.ca/guide/"),
        (3, "link-fragment-missing", "error", "#Install is not an id or anchor on https://docs.example.ca/guide/"),
        (5, "link-unverifiable", "notice",
         "#pricing on https://app.example.ca/ could not be verified: the page is built by JavaScript"),
        (7, "link-unverifiable", "notice",
         "#/route/x on https://spa.example.ca/ could not be verified: the page is built by JavaScript"),
    ]
    assert sum(1 for c in responses.calls if c.request.url == "https://docs.example.ca/guide/") == 1
    typo = next(f for f in report.findings if f.location.line == 3)
    assert "Did you mean #install?" in typo.fix


@responses.activate
def test_a_bot_wall_makes_a_fragment_unverifiable_not_missing(tmp_path: Path) -> None:
    site = site_with(tmp_path, "<a href='https://walled.example.sg/page#part'>x</a>", "")
    responses.get("https://walled.example.sg/page", status=403, content_type="text/html",
                  headers={"cf-mitigated": "challenge", "server": "cloudflare"},
                  body="<html><title>Just a moment...</title><body>Checking your browser</body></html>")
    report = omnilinks.check(str(site), base_url="https://site.example.sg/", use_cache=False)
    assert [(f.rule, f.severity) for f in report.findings if f.category == "link"] == [("link-unverifiable", "notice")]
