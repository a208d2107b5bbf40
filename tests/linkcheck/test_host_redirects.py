"""Links to paths the host redirects or rewrites are not missing pages (issue 12)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_files import make_site

import omnilinks
from omnilinks.cli import main
from omnilinks.discover.redirects import load_redirects

LINKS = ("<a href='/old-blog/2021/post/'>splat</a>\n<a href='/docs/v1/intro'>placeholder</a>\n"
         "<a href='/api/users'>rewrite</a>\n<a href='/moved'>to a missing page</a>\n"
         "<a href='/nothing-here/'>no rule</a>\n<a href='/external'>off-site</a>\n")
FILES = {"index.html": LINKS, "blog/2021/post/index.html": "", "guide/v1/intro/index.html": "",
         "functions/users.json": ""}



def link_findings(site: Path) -> list[tuple[str, str, int | None, str]]:
    report = omnilinks.check(str(site), base_url="https://shop.example.de/", offline=True)
    return sorted((f.rule, f.severity, f.location.line, f.message) for f in report.findings if f.category == "link")


def expected(source: str, lines: dict[str, int | str]) -> list[tuple[str, str, int | None, str]]:
    return sorted([
        ("link-redirect", "notice", 1, f"/old-blog/2021/post/ is redirected by {source}{lines['splat']} to /blog/2021/post/"),
        ("link-redirect", "notice", 2, f"/docs/v1/intro is redirected by {source}{lines['docs']} to /guide/v1/intro"),
        ("link-internal-missing", "error", 4,
         f"page /moved is redirected by {source}{lines['moved']} to /nowhere/, which does not exist"),
        ("link-internal-missing", "error", 5, "page /nothing-here/ does not exist"),
        ("link-redirect", "notice", 6, f"/external is redirected by {source}{lines['external']} to https://example.com/x"),
    ])


def test_netlify_and_cloudflare_redirects_file(tmp_path: Path) -> None:
    site = make_site(tmp_path / "public", FILES | {"_redirects": (
        "# Netlify / Cloudflare Pages\n"
        "/old-blog/*   /blog/:splat   301\n"
        "/docs/:version/:page  /guide/:version/:page 302!\n"
        "/api/*  /functions/:splat.json  200\n"
        "/moved  /nowhere/\n"
        "/external  https://example.com/x  301  Country=de\n"
        "/nothing-here/  /404.html  404\n"
        "/*  /index.html  200\n")})
    assert link_findings(site) == expected(f"{site}/_redirects", {"splat": ":2", "docs": ":3", "moved": ":5",
                                                                  "external": ":6"})


def test_netlify_toml_in_the_repository_above_the_built_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "netlify.toml").write_text(
        '[build]\npublish = "public"\n\n'
        '[[redirects]]\nfrom = "/old-blog/*"\nto = "/blog/:splat"\n\n'
        '[[redirects]]\nfrom = "/docs/:version/:page"\nto = "/guide/:version/:page"\nstatus = 302\n\n'
        '[[redirects]]\nfrom = "/api/*"\nto = "/functions/:splat.json"\nstatus = 200\n\n'
        '[[redirects]]\nfrom = "/moved"\nto = "/nowhere/"\n\n'
        '[[redirects]]\nfrom = "/external"\nto = "https://example.com/x"\n', encoding="utf-8")
    site = make_site(tmp_path / "public", FILES)
    source = f"{tmp_path}/netlify.toml [[redirects]] #"
    assert link_findings(site) == expected(source, {"splat": 1, "docs": 2, "moved": 4, "external": 5})


def test_vercel_json_redirects_and_rewrites(tmp_path: Path) -> None:
    site = make_site(tmp_path / "out", FILES | {"vercel.json": json.dumps({
        "cleanUrls": True,
        "redirects": [{"source": "/old-blog/:path*", "destination": "/blog/:path*"},
                      {"source": "/docs/:version/:page", "destination": "/guide/:version/:page", "permanent": False},
                      {"source": "/moved", "destination": "/nowhere/"},
                      {"source": "/external", "destination": "https://example.com/x"},
                      {"source": "/nothing-here/", "destination": "/x/", "has": [{"type": "cookie", "key": "a"}]}],
        "rewrites": [{"source": "/api/(.*)", "destination": "/functions/$1.json"}]})})
    assert link_findings(site) == expected(f"{site}/vercel.json", {
        "splat": " redirects[0]", "docs": " redirects[1]", "moved": " redirects[2]", "external": " redirects[3]"})


def test_broken_redirect_files_stop_with_the_file_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path / "site", {"index.html": "<p>x</p>", "netlify.toml": "[[redirects]\nfrom = '/a'"})
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(site), "--offline"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "site/netlify.toml: invalid TOML: Expected ']]'" in err and "line 1" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("rule", "path", "target"), [
    ("/a/*  /b/:splat", "/a/x/y", "/b/x/y"),
    ("/a/*  /b/:splat", "/a", "/b/"),
    ("/shop/:id/  /store/:id", "/shop/42/", "/store/42"),
    ("/shop/:id/  /store/:id", "/shop/42/more", None),
    ("https://old.example.com/* https://example.com/:splat 301!", "/x", "https://example.com/x"),
])
def test_netlify_patterns(tmp_path: Path, rule: str, path: str, target: str | None) -> None:
    (tmp_path / "_redirects").write_text(rule + "\n", encoding="utf-8")
    found = load_redirects(tmp_path, str(tmp_path)).match(path)
    assert (found.target if found else None) == target


@pytest.mark.parametrize(("name", "text", "message"), [
    ("vercel.json", '{"rewrites": [{"source": "/a/(*)", "destination": "/b"}]}',
     "vercel.json: a source pattern is not a valid regular expression"),
    ("vercel.json", '{"redirects": [{"source": "/a", "destination": "/b", "statusCode": "soon"}]}',
     "vercel.json: unexpected redirect rule"),
    ("vercel.json", '{"redirects": {"source": "/a"}}', "vercel.json: unexpected redirect rule"),
    ("vercel.json", "{not json", "vercel.json: invalid JSON"),
    ("netlify.toml", '[[redirects]]\nfrom = "/a"\nto = "/b"\nstatus = "moved"\n', "netlify.toml: unexpected redirect rule"),
])
def test_bad_redirect_rules_stop_with_the_file_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                                     text: str, message: str) -> None:
    site = make_site(tmp_path / "site", {"index.html": "<p>x</p>", name: text})
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(site), "--offline"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and message in err and "Traceback" not in err
