"""Source mapping: findings on built pages move to the template, Markdown or config that produced them."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from site_files import make_site as build_repo

from omnilinks.models import Finding, Location, Report
from omnilinks.report import RenderOptions
from omnilinks.report.locate import locator
from omnilinks.report.sourcemap import MAX_FILE_BYTES, SourceMap, needles


def broken(url: str, page: str = "public/about/index.html") -> Finding:
    return Finding("link-broken", "link", "error", f"{url} answers 404", Location(page, 5, 3), target=url)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    (tmp_path / ".git").mkdir()
    return build_repo(tmp_path, {
        "public/about/index.html": '<a href="https://old.example/menu?a=1&b=2">menu</a>\n',
        "layouts/partials/footer.html": '<footer>\n  <a href="https://old.example/menu?a=1&amp;b=2">x</a>\n</footer>\n',
        "content/about.md": "# About\n\nOur [shop](https://shop.example/kopi).\n",
        "content/contact.md": "# Contact\n\nOur [shop](https://shop.example/kopi).\n",
        "node_modules/theme/x.html": "https://only-in-deps.example/\n",
        "config.toml": 'phone = "+62 21 5550 999"\n',
    })


def place(report: Report, finding: Finding, options: RenderOptions | None = None):  # type: ignore[no-untyped-def]
    return locator(report, options or RenderOptions())(finding)


def test_found_through_the_git_root(sample: Callable[..., Report], repo: Path) -> None:
    report = sample(root=str(repo / "public"), findings=[])
    located = place(report, broken("https://old.example/menu?a=1&b=2"))
    assert (located.place.path, located.place.line, located.place.column) == ("layouts/partials/footer.html", 2, 12)
    assert located.built.short() == "public/about/index.html:5"


def test_content_named_like_the_page_wins(sample: Callable[..., Report], repo: Path) -> None:
    report = sample(root=str(repo / "public"), findings=[])
    assert place(report, broken("https://shop.example/kopi")).place.path == "content/about.md"
    contact = broken("https://shop.example/kopi", "public/contact/index.html")
    assert place(report, contact).place.path == "content/contact.md"


def test_values_and_tel_links(sample: Callable[..., Report], repo: Path) -> None:
    report = sample(root=str(repo / "public"), findings=[])
    finding = Finding("nap-phone-mismatch", "nap", "error", "x", Location("public/about/index.html", 9),
                      target="tel:+62215550999", actual="+62 21 5550 999", field="phone")
    assert place(report, finding).place.short() == "config.toml:1"
    assert needles(finding)[:2] == ["tel:+62215550999", "+62215550999"]


def test_dependencies_built_files_and_outside_findings_stay(sample: Callable[..., Report], repo: Path) -> None:
    report = sample(root=str(repo / "public"), findings=[])
    only_deps = place(report, broken("https://only-in-deps.example/"))
    assert only_deps.place.path == "public/about/index.html" and only_deps.built is None
    on_config = Finding("channel-no-link-back", "crossref", "error", "x", target="https://www.youtube.com/@kopisenja",
                        platform="youtube")
    assert place(report, on_config).place.short() == "omnilinks.yml:11"  # channel findings are not moved


def test_no_repository_no_mapping(sample: Callable[..., Report], repo: Path) -> None:
    (repo / ".git").rmdir()
    report = sample(root=str(repo / "public"), findings=[])
    assert SourceMap.for_report(report, RenderOptions()) is None or (repo.parent / ".git").exists()
    assert SourceMap.for_report(report, RenderOptions(repo_root=str(repo))) is not None
    assert SourceMap.for_report(sample(root=None), RenderOptions(repo_root=str(repo))) is None  # live mode


def test_large_files_are_not_read(sample: Callable[..., Report], repo: Path) -> None:
    build_repo(repo, {"data/big.json": "x" * MAX_FILE_BYTES + '"https://big.example/"'})
    report = sample(root=str(repo / "public"), findings=[])
    assert place(report, broken("https://big.example/")).built is None


def test_sources_are_read_once_per_render(sample: Callable[..., Report], repo: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = SourceMap._source_files
    monkeypatch.setattr(SourceMap, "_source_files", lambda self: calls.append(1) or original(self))
    report = sample(root=str(repo / "public"), findings=[])
    locate = locator(report, RenderOptions())
    for n in range(50):
        locate(broken(f"https://shop.example/kopi?{n}"))
    assert len(calls) == 1


def test_bounded_time_on_a_large_repository(sample: Callable[..., Report], repo: Path) -> None:
    files = {f"content/posts/post-{n}.md": f"# Post {n}\n\n" + "Lorem ipsum dolor sit amet. " * 150
             + f"\n[link](https://example.com/post-{n}/)\n" for n in range(1000)}
    build_repo(repo, files)
    report = sample(root=str(repo / "public"), findings=[])
    locate = locator(report, RenderOptions())
    started = time.perf_counter()
    hits = [locate(broken(f"https://example.com/post-{n}/")) for n in range(0, 1000, 2)]
    elapsed = time.perf_counter() - started
    assert all(h.place.path.startswith("content/posts/") for h in hits)
    assert elapsed < 20, f"500 lookups over 1000 files took {elapsed:.1f}s"


def test_scanning_stops_at_its_budget(sample: Callable[..., Report], repo: Path) -> None:
    report = sample(root=str(repo / "public"), findings=[])
    sources = SourceMap.for_report(report, RenderOptions())
    assert sources is not None and sources.find(broken("https://shop.example/kopi")) is not None
    sources.budget = 0
    assert sources.find(broken("https://old.example/menu?a=1&b=2")) is None  # not looked up any more
