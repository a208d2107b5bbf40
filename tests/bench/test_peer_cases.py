"""benchmarks/peer_cases.py reads a peer's expected verdicts as its spec states them, and compares
omnilinks with them. The peers' real suites are not here: these are small specs in their formats."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
spec = importlib.util.spec_from_file_location("bench_peer_cases", BENCH / "peer_cases.py")
peer_cases = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = peer_cases
spec.loader.exec_module(peer_cases)

LINKS_SPEC = '''describe "Check::Links" do
  it "fails for broken internal hash" do
    path = File.join(FIXTURES_DIR, "links", "hash.html")
    proofer = run_proofer(path, :file)
    expect(proofer.failed_checks.first.description).to(match(/internally linking to #nope; the file exists, but the hash 'nope' does not/))
  end

  it "passes when linking to the top" do
    proofer = run_proofer(File.join(FIXTURES_DIR, "links", "top.html"), :file)
    expect(proofer.failed_checks).to(eq([]))
  end

  it "passes when ignoring" do
    path = File.join(FIXTURES_DIR, "links", "hash.html")
    proofer = run_proofer(path, :file, ignore_urls: [/nope/])
    expect(proofer.failed_checks).to(eq([]))
  end

  it "fails for broken external links" do
    path = File.join(FIXTURES_DIR, "links", "top.html")
    proofer = run_proofer(path, :file)
    expect(proofer.failed_checks.first.description).to(match(/failed with something very wrong/))
  end

  it "runs twice" do
    path = File.join(FIXTURES_DIR, "links", "top.html")
    proofer = run_proofer(path, :file)
    expect(proofer.failed_checks.count).to(eq(0))

    path = "#{FIXTURES_DIR}/links/missing.html"
    proofer = run_proofer(path, :file)
    expect(proofer.failed_checks.first.description).to(include("internally linking to gone.html, which does not exist"))
  end
end
'''


def _html_proofer(root: Path) -> Path:
    specs = root / "spec" / "html-proofer"
    (specs / "check").mkdir(parents=True)
    (specs / "check" / "links_spec.rb").write_text(LINKS_SPEC, encoding="utf-8")
    (specs / "check" / "images_spec.rb").write_text("", encoding="utf-8")
    (specs / "check" / "scripts_spec.rb").write_text("", encoding="utf-8")
    links = specs / "fixtures" / "links"
    links.mkdir(parents=True)
    (links / "hash.html").write_text('<a href="#nope">x</a>', encoding="utf-8")
    (links / "top.html").write_text('<a href="#top">x</a> <a href="https://example.com/">y</a>', encoding="utf-8")
    (links / "missing.html").write_text('<a href="gone.html">x</a>', encoding="utf-8")
    return root


def test_html_proofer_verdicts_are_read_as_the_spec_states_them(tmp_path: Path) -> None:
    cases = peer_cases.html_proofer_cases(_html_proofer(tmp_path))
    read = [(c.name, c.expected, [p.name for p in c.pages]) for c in cases]
    assert read == [
        ("fails for broken internal hash", "broken", ["hash.html"]),
        ("passes when linking to the top", "ok", ["top.html"]),
        ("passes when ignoring", "skip:peer option changes the verdict", ["hash.html"]),
        ("fails for broken external links", "skip:external URL (network)", ["top.html"]),
        ("runs twice (run 1)", "ok", ["top.html"]),
        ("runs twice (run 2)", "broken", ["missing.html"]),
    ]
    verdicts = [peer_cases.omnilinks_verdict(c)[0] for c in cases if not c.expected.startswith("skip:")]
    assert verdicts == ["broken", "ok", "ok", "broken"]


RESULT = """url file://%(curdir)s/%(datadir)s/page.html
cache key file://%(curdir)s/%(datadir)s/page.html
real url file://%(curdir)s/%(datadir)s/page.html
valid

url other.html#good
cache key file://%(curdir)s/%(datadir)s/other.html#good
real url file://%(curdir)s/%(datadir)s/other.html#good
valid

url other.html#bad
cache key file://%(curdir)s/%(datadir)s/other.html#bad
real url file://%(curdir)s/%(datadir)s/other.html#bad
warning Anchor `bad' (decoded: `bad') not found. Available anchors: `good'.
valid

url gone.html
cache key file://%(curdir)s/%(datadir)s/gone.html
real url file://%(curdir)s/%(datadir)s/gone.html
error

url 50%%25.html
cache key file://%(curdir)s/%(datadir)s/50%%25.html
real url file://%(curdir)s/%(datadir)s/50%%25.html
valid

url http://www.example.com/
cache key http://www.example.com/
real url http://www.example.com/
valid
"""


def test_linkchecker_records_are_read_and_compared_one_by_one(tmp_path: Path) -> None:
    data = tmp_path / "tests" / "checker" / "data"
    data.mkdir(parents=True)
    (data / "page.html").write_text('<a href="other.html#good">g</a> <a href="other.html#bad">b</a>'
                                    '<a href="gone.html">x</a> <a href="50%25.html">p</a>'
                                    '<a href="http://www.example.com/">e</a>', encoding="utf-8")
    (data / "other.html").write_text('<h2 id="good">g</h2>', encoding="utf-8")
    (data / "50%.html").write_text("<p>fifty</p>", encoding="utf-8")
    (data / "page.html.result").write_text(RESULT, encoding="utf-8")

    cases = peer_cases.linkchecker_cases(tmp_path)

    assert [(c.what, c.expected, c.target) for c in cases] == [
        ("other.html#good", "ok", "other.html#good"),
        ("other.html#bad", "broken", "other.html#bad"),
        ("gone.html", "broken", "gone.html"),
        ("50%25.html", "ok", "50%.html"),
        ("http://www.example.com/", "skip:external URL (network)", ""),
    ]
    compared = [c for c in cases if not c.expected.startswith("skip:")]
    assert [peer_cases.omnilinks_verdict(c)[0] for c in compared] == ["ok", "broken", "broken", "ok"]
