"""Every kind of reference a browser loads or follows is checked (issue 12), and what a browser
or host serves is never called broken."""
from __future__ import annotations

from pathlib import Path

from site_files import make_site

import omnilinks
from omnilinks.extract.html import parse_page, srcset_urls


def findings(report: omnilinks.Report) -> list[tuple[str, str, int | None, str]]:
    root = (report.root or "") + "/"
    return sorted((f.rule, Path(f.location.path or "").name, f.location.line, f.message.replace(root, ""))
                  for f in report.findings if f.category == "link")


def check(site: Path, **options: object) -> omnilinks.Report:
    return omnilinks.check(str(site), base_url="https://docs.example.org/", offline=True, **options)


PAGE = """<!doctype html><html><head><title>t</title>
<link rel="canonical" href="/gone-canonical/"><link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" hreflang="de" href="/de/missing/"><link rel="mask-icon" href="/safari.svg">
<link rel="apple-touch-icon" href="/touch.png"><link rel="manifest" href="/site.webmanifest">
<link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml">
<link rel="preload" as="font" href="/fonts/gone.woff2"><link rel="modulepreload" href="/app.mjs">
<link rel="next" href="/page/3/"><link rel="prev" href="/page/1/"><link rel="dns-prefetch" href="//cdn.example.net">
<style>
@font-face { font-family: X; src: url("/fonts/missing.woff2") format("woff2"), url(/fonts/ok.woff) }
.hero { background: url('/img/hero-gone.jpg') } /* url(/commented-out.png) */
</style>
</head><body>
<picture><source srcset="/img/a.webp 1x, /img/a-2x-gone.webp 2x"><img src="/img/a.jpg" srcset="/img/a.jpg 400w, /img/b-gone.jpg 800w"></picture>
<video src="/media/v.mp4" poster="/media/poster-gone.jpg"><track src="/media/subs-gone.vtt"></video>
<audio src="/media/a-gone.mp3"></audio><embed src="/media/e-gone.svg"><object data="/media/o-gone.pdf"></object>
<input type="image" src="/img/button-gone.png"><input type="text" src="/not-a-reference">
<iframe src="/frame.html#there"></iframe><iframe src="/frame.html#not-there"></iframe>
<svg><use href="#icon-ok"></use><use href="#icon-gone"></use><use xlink:href="/sprite.svg#s-ok"></use><use href="/sprite.svg#s-gone"></use></svg>
<svg style="display:none"><symbol id="icon-ok"></symbol></svg>
<div style="background-image: url('/img/inline-gone.png')">x</div>
<form action="/search-gone/"></form><form action="https://forms.example.net/post"></form>
<map><area href="/area-gone/" alt="a"></map>
<a href="#top">top</a><a href="#TOP">TOP</a><a href="#Top">Top</a><a href="#">bare</a><a href="#Intro">case</a>
<h2 id="intro">intro</h2>
<div data-omnilinks-ignore><a href="/ignored-gone/">ignored</a><img src="/ignored.png"></div>
<a href="/.well-known/security.txt">security</a><a href="/node_modules/lib/dist/lib.js">lib</a>
</body></html>
"""


def test_every_reference_kind_is_checked_and_named(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": PAGE,
        "feed.xml": "", "safari.svg": "", "touch.png": "", "site.webmanifest": "", "opensearch.xml": "",
        "app.mjs": "", "page/1/index.html": "", "page/3/index.html": "", "fonts/ok.woff": "",
        "img/a.webp": "", "img/a.jpg": "", "media/v.mp4": "", "frame.html": "<p id='there'>",
        "sprite.svg": "<svg><symbol id='s-ok'/></svg>",
        ".well-known/security.txt": "", "node_modules/lib/dist/lib.js": "",
        "node_modules/lib/docs/index.html": "<a href='/nowhere-in-a-dependency/'>x</a>",
        "css/site.css": "body{}\n\n@import 'gone-import.css';\n.a { background: url(../img/a.jpg) }\n"
                        "@font-face { src: url(\"../fonts/font-gone.woff2\") }\n",
    })
    got = findings(check(site))
    assert got == sorted([
        ("link-internal-missing", "index.html", 2, "<link rel=canonical> /gone-canonical/ does not exist"),
        ("link-internal-missing", "index.html", 3, "<link rel=alternate> /de/missing/ does not exist"),
        ("link-internal-missing", "index.html", 6, "<link rel=preload> /fonts/gone.woff2 does not exist"),
        ("link-internal-missing", "index.html", 9, "web font url() in a <style> /fonts/missing.woff2 does not exist"),
        ("link-internal-missing", "index.html", 10, "url() in a <style> /img/hero-gone.jpg does not exist"),
        ("link-internal-missing", "index.html", 13, "<source> srcset candidate /img/a-2x-gone.webp does not exist"),
        ("link-internal-missing", "index.html", 13, "image srcset candidate /img/b-gone.jpg does not exist"),
        ("link-internal-missing", "index.html", 14, "video poster /media/poster-gone.jpg does not exist"),
        ("link-internal-missing", "index.html", 14, "track source /media/subs-gone.vtt does not exist"),
        ("link-internal-missing", "index.html", 15, "audio source /media/a-gone.mp3 does not exist"),
        ("link-internal-missing", "index.html", 15, "embed source /media/e-gone.svg does not exist"),
        ("link-internal-missing", "index.html", 15, "<object> data /media/o-gone.pdf does not exist"),
        ("link-internal-missing", "index.html", 16, "image button /img/button-gone.png does not exist"),
        ("link-fragment-missing", "index.html", 17, "#not-there is not an id or anchor on frame.html (page)"),
        ("link-fragment-missing", "index.html", 18, "#icon-gone is not an id or anchor on index.html "
                                                    "(SVG <use> reference)"),
        ("link-fragment-missing", "index.html", 18, "#s-gone is not an id or anchor on sprite.svg "
                                                    "(SVG <use> reference)"),
        ("link-internal-missing", "index.html", 20, "url() in a style attribute /img/inline-gone.png does not exist"),
        ("link-internal-missing", "index.html", 21, "form action /search-gone/ does not exist"),
        ("link-internal-missing", "index.html", 22, "page /area-gone/ does not exist"),
        ("link-fragment-missing", "index.html", 23, "#Intro is not an id or anchor on index.html"),
        ("link-internal-missing", "site.css", 3, "@import gone-import.css does not exist"),
        ("link-internal-missing", "site.css", 5, "web font url() ../fonts/font-gone.woff2 does not exist"),
    ])


def test_form_action_is_a_notice_and_external_forms_are_not_fetched(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": PAGE})
    report = check(site)
    form = [f for f in report.findings if "form action" in f.message]
    assert [(f.severity, f.target) for f in form] == [("notice", "https://docs.example.org/search-gone/")]
    assert not any("forms.example.net" in (f.target or "") for f in report.findings)


def test_css_findings_carry_the_stylesheet_line_and_column(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": "<p>x</p>",
                                "assets/theme.css": "a{}\n/* url(/x.png) */\nh1 {\n  background: url( 'hero.png' );\n}\n"})
    (finding,) = [f for f in check(site).findings if f.category == "link"]
    assert finding.location.path.endswith("assets/theme.css")
    assert (finding.location.line, finding.location.column) == (4, 15)
    assert finding.target == "https://docs.example.org/assets/hero.png"


def test_meta_refresh_target_is_checked(tmp_path: Path) -> None:
    # What mkdocs-redirects and jekyll-redirect-from write.
    site = make_site(tmp_path, {
        "old/index.html": '<meta http-equiv="refresh" content="0; url=../new/">',
        "older/index.html": "<meta http-equiv='Refresh' content='0;URL=\"/gone/#part\"'>",
        "new/index.html": "", "plain.html": '<meta name="refresh" content="0; url=/not-a-redirect/">',
    })
    assert findings(check(site)) == [
        ("link-internal-missing", "index.html", 1, "refresh redirect target /gone/#part does not exist")]


def test_srcset_candidates_split_as_the_standard_says() -> None:
    assert srcset_urls("a.jpg") == ["a.jpg"]
    assert srcset_urls(" a.jpg 1x,b.jpg 2x , c.jpg 3x") == ["a.jpg", "b.jpg", "c.jpg"]
    assert srcset_urls("/img/x,y.jpg 400w, /img/z.jpg 800w") == ["/img/x,y.jpg", "/img/z.jpg"]
    assert srcset_urls("a.jpg,b.jpg") == ["a.jpg,b.jpg"]  # the standard: a URL runs to whitespace
    assert srcset_urls("a.jpg, b.jpg") == ["a.jpg", "b.jpg"]


def test_links_carry_the_attribute_they_came_from() -> None:
    page = parse_page(b'<img src="/a.png" srcset="/b.png 2x"><video poster="/p.jpg"></video>',
                      "https://x.test/", path="index.html")
    assert [(link.tag, link.attr, link.raw) for link in page.links] == [
        ("img", "src", "/a.png"), ("img", "srcset", "/b.png"), ("video", "poster", "/p.jpg")]


def test_data_omnilinks_ignore_skips_the_element_and_what_it_contains(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": (
        "<a href='/gone-1/' data-omnilinks-ignore>self</a>\n"
        "<section data-omnilinks-ignore='true'><p><a href='/gone-2/'>deep</a><img srcset='/gone-3.png 2x'>"
        "<div style=\"background:url('/gone-4.png')\"></div></p></section>\n"
        "<section data-omnilinks-ignore='false'><a href='/gone-5/'>checked</a></section>\n"
        "<a href='/gone-6/'>checked</a>\n")})
    assert [m for *_, m in findings(check(site))] == ["page /gone-5/ does not exist", "page /gone-6/ does not exist"]


def test_top_fragments_and_case_sensitive_ids(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": (
        "<a href='#top'>1</a><a href='#TOP'>2</a><a href='#Top'>3</a><a href='#'>4</a>\n"
        "<a href='other.html#Part'>id differs in case</a><a href='other.html#part'>ok</a>\n"
        "<a href='other.html#named'>name on a</a><a href='other.html#div-name'>name on div</a>\n"
        "<a href='other.html#top'>top of another page</a>\n"),
        "other.html": "<h2 id='part'>p</h2><a name='named'></a><div name='div-name'></div>"})
    assert [(line, m) for _, _, line, m in findings(check(site))] == [
        (2, "#Part is not an id or anchor on other.html"),
        (3, "#div-name is not an id or anchor on other.html")]


def test_files_in_dot_folders_and_node_modules_are_served_but_not_checked(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": "<a href='/.well-known/security.txt'>s</a><script src='node_modules/x/x.js'></script>"
                      "<a href='/.well-known/gone.txt'>g</a>",
        ".well-known/security.txt": "", "node_modules/x/x.js": "",
        "node_modules/x/README.html": "<a href='/missing-in-dependency/'>x</a>",
        ".hidden/page.html": "<a href='/missing-in-dot-folder/'>x</a>",
        ".git/HEAD": "ref: refs/heads/main",
    })
    report = check(site)
    assert [m for *_, m in findings(report)] == ["page /.well-known/gone.txt does not exist"]
    assert report.pages == 1


def test_assume_extension_none_turns_off_html_guessing(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": "<a href='/about'>about</a><a href='/team'>team</a>",
                                "about.html": "", "team/index.html": ""})
    assert findings(check(site)) == []
    assert [m for *_, m in findings(check(site, assume_extension="none"))] == ["page /about does not exist"]


def test_invisible_characters_are_named_with_their_position(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": "<a href='/menu\u200b/'>zwsp</a>\n<a href='\ufeff/about/'>bom</a>\n"
                                              "<a href='/caf\u00e9/'>accented, fine</a><a href='/rtl\u200f'>rlm</a>\n",
                                "menu/index.html": "", "about/index.html": "", "café/index.html": ""})
    got = [(line, rule, m) for rule, _, line, m in findings(check(site))]
    assert got == [
        (1, "link-invisible-character", "page '/menu\\u200b/' has an invisible zero-width space (U+200B) at character 6"),
        (2, "link-invisible-character",
         "page '\\ufeff/about/' has an invisible byte-order mark (zero-width no-break space) (U+FEFF) at character 1"),
        (3, "link-invisible-character", "page '/rtl\\u200f' has an invisible right-to-left mark (U+200F) at character 5"),
    ]


def test_tel_links_as_rfc_3966_writes_them(tmp_path: Path) -> None:
    good = ["tel:+44-20-7946-0958", "tel:+442079460958,88", "tel:+44.20.7946.0958;ext=12", "tel:+1(201)555-0123p1234",
            "tel:7042;phone-context=example.com", "tel:863-1234;phone-context=+1-914-555",
            "tel:+49-30-1234567;isub=1411", "tel:+441234567,88", "tel:+81-3-1234-5678", "tel:+55-11-91234-5678",
            "tel:+234-803-123-4567", "tel:021-5550-123", "tel:+62%2021%205550%20123", "tel:+33 1 42 68 53 00,,123#"]
    bad = ["tel:12", "tel:call-us", "tel:+", "tel:;ext=12", "tel:+44-20-CALL-NOW"]
    page = "\n".join(f"<a href='{href}'>x</a>" for href in good + bad)
    site = make_site(tmp_path, {"index.html": page})
    flagged = [m.removeprefix("tel: link with no valid phone number: ") for *_, m in findings(check(site))]
    assert sorted(flagged) == sorted(bad)
