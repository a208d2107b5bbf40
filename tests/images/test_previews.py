"""Share previews in folder mode: each rule fires on the page that breaks it and
stays silent on a page that gets everything right."""
from __future__ import annotations

from pathlib import Path

from logo_kit import cup_logo, encoded
from PIL import Image

import omnilinks

GOOD_HEAD = """<title>{title} · Kopi Senja</title>
<link rel="canonical" href="https://kopisenja.id/{path}">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Kopi Senja">
<meta property="og:url" content="https://kopisenja.id/{path}">
<meta property="og:image" content="https://kopisenja.id/img/share.jpg">
<meta name="twitter:card" content="summary_large_image">"""


def _site(root: Path, heads: dict[str, str]) -> Path:
    (root / "img").mkdir(parents=True, exist_ok=True)
    share = Image.new("RGB", (1200, 630), (240, 230, 210))
    share.paste(cup_logo(400).convert("RGB"), (400, 115))
    (root / "img" / "share.jpg").write_bytes(encoded(share, "JPEG", quality=80))
    (root / "img" / "square.png").write_bytes(encoded(cup_logo(512)))
    (root / "img" / "tiny.png").write_bytes(encoded(cup_logo(64)))
    (root / "img" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (root / "omnilinks.yml").write_text("site: {url: 'https://kopisenja.id'}\nbrand: {name: Kopi Senja}\n")
    for path, head in heads.items():
        file = root / (path or "index.html")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"<!doctype html><html><head>{head}</head><body><p>Kopi Senja, "
                        f"<a href='tel:+62215550123'>021 555 0123</a></p></body></html>", encoding="utf-8")
    return root


def _previews(root: Path) -> list[tuple[str, str, str | None]]:
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    return sorted((f.rule, Path(f.location.path or "").name, f.actual) for f in report.findings
                  if f.rule.startswith("brand-preview-"))


def good(path: str, title: str = "Menu") -> str:
    return GOOD_HEAD.format(path=path, title=title)


def test_a_site_with_complete_previews_has_no_preview_findings(tmp_path: Path) -> None:
    root = _site(tmp_path, {"": good("", "Kopi Senja"), "menu.html": good("menu.html"),
                            "404.html": "<title>Not found</title>"})
    assert _previews(root) == []


def test_each_missing_tag_is_one_finding_listing_its_pages(tmp_path: Path) -> None:
    bare = "<title>Tentang · Kopi Senja</title>"
    root = _site(tmp_path, {"": good("", "Kopi Senja"), "tentang.html": bare, "kontak.html": bare})
    assert _previews(root) == [
        ("brand-preview-card-missing", "kontak.html", "2 pages without twitter:card"),
        ("brand-preview-image-missing", "kontak.html", "2 pages without og:image"),
        ("brand-preview-site-name-missing", "kontak.html", "2 pages without og:site_name"),
        ("brand-preview-title-missing", "kontak.html", "2 pages without og:title"),
    ]


def test_broken_small_and_badly_shaped_images(tmp_path: Path) -> None:
    def head(path: str, image: str) -> str:
        return good(path).replace("https://kopisenja.id/img/share.jpg", image)

    root = _site(tmp_path, {
        "": good("", "Kopi Senja"),
        "gone.html": head("gone.html", "https://kopisenja.id/img/share-2023.jpg"),
        "tiny.html": head("tiny.html", "/img/tiny.png"),  # relative: resolved against the page
        "square.html": head("square.html", "https://kopisenja.id/img/square.png"),
        "svg.html": head("svg.html", "https://kopisenja.id/img/logo.svg"),
    })
    assert _previews(root) == [
        ("brand-preview-image-broken", "gone.html", "no file in the site folder serves this URL"),
        ("brand-preview-image-broken", "svg.html",
         "an SVG image, which Facebook, WhatsApp, LinkedIn and X do not show"),
        ("brand-preview-image-shape", "square.html", "512×512"),
        ("brand-preview-image-too-small", "tiny.html", "64×64"),
    ]


def test_one_broken_image_on_many_pages_is_one_finding(tmp_path: Path) -> None:
    broken = {f"p{i}.html": good(f"p{i}.html").replace("share.jpg", "old.jpg") for i in range(6)}
    report = omnilinks.check(str(_site(tmp_path, broken)), offline=True, use_cache=False)
    [finding] = [f for f in report.findings if f.rule == "brand-preview-image-broken"]
    assert finding.target == "https://kopisenja.id/img/old.jpg" and len(finding.related) == 5
    assert "6 pages" in finding.message and finding.location.line == 6  # the og:image tag itself


def test_og_url_must_be_the_canonical_url(tmp_path: Path) -> None:
    template_bug = good("menu.html").replace('og:url" content="https://kopisenja.id/menu.html"',
                                            'og:url" content="https://kopisenja.id/"')
    root = _site(tmp_path, {"": good("", "Kopi Senja"), "menu.html": template_bug,
                            # index.html and the folder URL are one address
                            "about/index.html": good("about/").replace('og:url" content="https://kopisenja.id/about/"',
                                                                      'og:url" content="https://kopisenja.id/about/index.html"')})
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    [finding] = [f for f in report.findings if f.rule == "brand-preview-url-mismatch"]
    assert (finding.expected, finding.actual) == ("https://kopisenja.id/menu.html", "https://kopisenja.id/")
    assert 'content="https://kopisenja.id/menu.html"' in finding.fix


def test_without_a_canonical_link_og_url_must_lead_to_the_page_itself(tmp_path: Path) -> None:
    def head(path: str, og_url: str) -> str:
        return "\n".join(line for line in good(path).splitlines() if "canonical" not in line) \
            .replace(f'og:url" content="https://kopisenja.id/{path}"', f'og:url" content="{og_url}"')

    root = _site(tmp_path, {"": head("", "https://kopisenja.id/"),
                            "menu.html": head("menu.html", "https://kopisenja.id/menu"),  # clean URL of the same file
                            "promo.html": head("promo.html", "https://kopisenja.id/")})
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    assert [(Path(f.location.path).name, f.actual) for f in report.findings
            if f.rule == "brand-preview-url-mismatch"] == [("promo.html", "https://kopisenja.id/")]


def test_offline_an_external_preview_image_is_a_note_not_a_finding(tmp_path: Path) -> None:
    root = _site(tmp_path, {"": good("", "Kopi Senja").replace("https://kopisenja.id/img/share.jpg",
                                                               "https://cdn.example/share.jpg")})
    report = omnilinks.check(str(root), offline=True, use_cache=False)
    assert not [f for f in report.findings if f.rule.startswith("brand-preview-image")]
    assert any("1 image was not downloaded (offline" in note for note in report.notes)


def test_a_favicon_format_is_no_share_image(tmp_path: Path) -> None:
    root = _site(tmp_path, {"": good("", "Kopi Senja").replace("/img/share.jpg", "/favicon.ico")})
    Image.new("RGB", (256, 256), (200, 100, 50)).save(root / "favicon.ico", sizes=[(256, 256)])
    assert _previews(root) == [("brand-preview-image-broken", "index.html",
                                "the ICO format, which share previews do not show (use JPEG or PNG)")]


def test_many_distinct_preview_images_online_are_capped(monkeypatch) -> None:
    import responses

    from omnilinks.discover import Site
    from omnilinks.fetch import HttpClient
    from omnilinks.images import collect

    monkeypatch.setattr(collect, "MAX_DOWNLOADED_PREVIEWS", 3)
    urls = [f"https://cdn.example/p{i}.jpg" for i in range(5)]
    with responses.RequestsMock() as mock:
        for url in urls[:3]:
            mock.add(responses.GET, url, body=encoded(Image.new("RGB", (1200, 630)), "JPEG"), content_type="image/jpeg")
        infos = collect.probe_images(urls, [], Site("live", "https://kopisenja.id/"), HttpClient(), network=True)
    assert [infos[u].width for u in urls[:3]] == [1200] * 3
    assert all(infos[u].skipped == "not downloaded: more than 3 preview images" for u in urls[3:])


def test_a_site_with_no_contact_facts_or_channels_is_not_asked_for_previews(tmp_path: Path) -> None:
    """A documentation site: no tags asked for, but the tags it has are still checked."""
    (tmp_path / "index.html").write_text("<html><head><title>Docs</title></head><body>API</body></html>")
    (tmp_path / "guide.html").write_text("<html><head><title>Guide</title>"
                                         "<meta property='og:image' content='/missing.png'></head><body>x</body></html>")
    report = omnilinks.check(str(tmp_path), offline=True, use_cache=False)
    assert sorted(f.rule for f in report.findings if f.rule.startswith("brand-preview-")) == \
        ["brand-preview-image-broken"]
