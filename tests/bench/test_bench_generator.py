"""The benchmark generator: same seed → same site, and the broken links it plants are
exactly the ones omnilinks reports on it."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

import omnilinks

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate_site = _load("generate_site")
BASE = "https://bench.example/"


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_same_seed_same_site_and_manifest(tmp_path: Path) -> None:
    first = generate_site.generate(40, tmp_path / "a", seed=7)
    second = generate_site.generate(40, tmp_path / "b", seed=7)
    other = generate_site.generate(40, tmp_path / "c", seed=8)
    assert first == second
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert first["broken"] != other["broken"]


def test_shape_of_the_site(tmp_path: Path) -> None:
    manifest = generate_site.generate(50, tmp_path, seed=1)
    pages = sorted((tmp_path / "site").rglob("page-*.html"))
    assert len(pages) == 50 and manifest["pages"] == 51
    html = pages[3].read_text()
    assert html.count("<a href=") == generate_site.LINKS_PER_PAGE + 1  # the 30 and the footer's home link
    assert 'rel="stylesheet"' in html and "<img src=" in html
    broken = manifest["broken"]
    assert len(broken) == round(50 * generate_site.LINKS_PER_PAGE * generate_site.BROKEN_SHARE)
    assert {b["kind"] for b in broken} == {"missing_page", "missing_fragment"}
    for item in broken:  # each planted link is in its page as written
        assert f'href="{item["href"]}"' in (tmp_path / "site" / item["page"]).read_text()


def test_omnilinks_finds_exactly_the_planted_broken_links(tmp_path: Path) -> None:
    manifest = generate_site.generate(50, tmp_path, seed=3)
    site = tmp_path / "site"
    report = omnilinks.check(str(site), base_url=BASE, offline=True, use_cache=False)
    link_rules = {"link-internal-missing", "link-fragment-missing"}
    found = {(Path(f.location.path).resolve().relative_to(site.resolve()).as_posix(), f.target)
             for f in report.findings if f.rule in link_rules}
    planted = {(b["page"], urljoin(BASE + b["page"], b["href"])) for b in manifest["broken"]}
    assert found == planted
    kinds = {b["kind"] for b in manifest["broken"]}
    assert {f.rule for f in report.findings if f.rule in link_rules} == {
        {"missing_page": "link-internal-missing", "missing_fragment": "link-fragment-missing"}[k] for k in kinds}


def test_external_links_point_at_the_given_server(tmp_path: Path) -> None:
    manifest = generate_site.generate(60, tmp_path, seed=1, external_base="http://127.0.0.2:9")
    externals = [b for b in manifest["broken"] if b["kind"] == "external_404"]
    assert externals and all(b["target"].startswith("http://127.0.0.2:9/missing/") for b in externals)
    page = (tmp_path / "site" / "section-000" / "page-00001.html").read_text()
    assert "http://127.0.0.2:9/" in page


def test_too_small_a_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_site.generate(1, tmp_path)


def test_manifest_file_matches_return_value(tmp_path: Path) -> None:
    manifest = generate_site.generate(10, tmp_path, seed=2)
    assert json.loads((tmp_path / "manifest.json").read_text()) == manifest
