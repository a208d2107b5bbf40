"""`--baseline`: findings new or unchanged against an earlier JSON report, by a
fingerprint that survives edits above a finding; the fixed ones listed;
`--fail-on-new` fails only on new problems."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from omnilinks.baseline import fingerprint
from omnilinks.cli import main

PAGE = """<html><head><title>Bäckerei Sonne</title></head><body>
{above}
<a href="/gibt-es-nicht">Torten</a>
<a href="/auch-nicht">Brot</a>
<a href="/auch-nicht">Brot (again)</a>
{below}
<a href="http://sonne-baeckerei.example/">insecure</a>
</body></html>"""


def build(folder: Path, above: str = "", below: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(PAGE.format(above=above, below=below), encoding="utf-8")
    return folder


def check(args: list[str]) -> int:
    with pytest.raises(SystemExit) as stop:
        main(["check", *args, "--offline", "--no-progress", "--base-url", "https://sonne-baeckerei.de"])
    return int(stop.value.code or 0)


def first_run(tmp_path: Path) -> tuple[Path, Path]:
    site = build(tmp_path / "public")
    previous = tmp_path / "previous.json"
    assert check([str(site), "--format", "json", "-o", str(previous)]) == 1
    return site, previous


def test_moved_lines_are_unchanged_and_fixed_and_new_are_found(tmp_path: Path) -> None:
    site, previous = first_run(tmp_path)
    # Ten lines above every finding, one broken link removed, one added.
    (site / "index.html").write_text(
        PAGE.format(above="<p>neu</p>\n" * 10, below='<a href="/kuchen-fehlt">Kuchen</a>')
        .replace('<a href="/gibt-es-nicht">Torten</a>', ""), encoding="utf-8")
    out = tmp_path / "now.json"
    assert check([str(site), "--baseline", str(previous), "--format", "json", "-o", str(out)]) == 1
    report = json.loads(out.read_text())
    changes = {(f["rule"], f["target"].rsplit("/", 1)[-1], f["change"]) for f in report["findings"]}
    assert changes == {
        ("link-internal-missing", "auch-nicht", "unchanged"),
        ("link-internal-missing", "kuchen-fehlt", "new"),
        ("link-insecure", "", "unchanged"),
    }
    # Two links to /auch-nicht before and now: both unchanged, matched by count.
    assert sum(1 for f in report["findings"] if f["target"].endswith("auch-nicht")) == 2
    assert report["baseline"]["new"] == 1 and report["baseline"]["unchanged"] == 3
    assert [f["target"].rsplit("/", 1)[-1] for f in report["baseline"]["fixed"]] == ["gibt-es-nicht"]
    assert all(len(f["fingerprint"]) == 16 for f in report["findings"])
    assert report["summary"]["error"] == 3  # the counts are still of every finding


def test_fail_on_new(tmp_path: Path) -> None:
    site, previous = first_run(tmp_path)
    assert check([str(site), "--baseline", str(previous), "--fail-on-new"]) == 0
    assert check([str(site), "--baseline", str(previous)]) == 1  # without the flag: every error counts
    build(site, below='<a href="http://neu.example/">new insecure</a>')
    assert check([str(site), "--baseline", str(previous), "--fail-on-new"]) == 0  # new, but a warning
    assert check([str(site), "--baseline", str(previous), "--fail-on-new", "--fail-on", "warning"]) == 1
    build(site, below='<a href="/neu-kaputt">x</a>')
    assert check([str(site), "--baseline", str(previous), "--fail-on-new"]) == 1


@pytest.mark.parametrize(("content", "message"), [
    (None, "baseline report not found"),
    ("{not json", "the baseline is not JSON"),
    ('{"schema_version": 1, "findings": {}}', "not an omnilinks JSON report"),
    ('[1, 2]', "not an omnilinks JSON report"),
])
def test_bad_baseline_is_one_line_exit_2(tmp_path: Path, content: str | None, message: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    site = build(tmp_path / "public")
    baseline = tmp_path / "previous.json"
    if content is not None:
        baseline.write_text(content)
    assert check([str(site), "--baseline", str(baseline)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(baseline) in err and len(err.strip().splitlines()) == 1


def test_people_formats_show_counts_and_new_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site, previous = first_run(tmp_path)
    build(site, below='<a href="/kuchen-fehlt">Kuchen</a>')
    capsys.readouterr()
    check([str(site), "--baseline", str(previous)])
    text = capsys.readouterr().out
    assert text.index("New since") < text.index("kuchen-fehlt") < text.index("Unchanged since") \
        < text.index("gibt-es-nicht")
    assert "(1 new, 4 unchanged, 0 fixed since the baseline)" in text
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    check([str(site), "--baseline", str(previous), "--report", f"markdown={md}", "--report", f"html={html}"])
    markdown = md.read_text()
    assert "| New | Unchanged | Fixed |" in markdown and "| **1** | 4 | 0 |" in markdown
    assert markdown.index("🆕") < markdown.index("gibt-es-nicht") and markdown.count("🆕") == 2  # legend + row
    page = html.read_text()
    cards = page.index("Problems, one card each")
    assert '<b>1</b>new</div>' in page and page.index('class="new"', cards) < page.index("gibt-es-nicht", cards)
    build(site)  # back to the first state minus nothing: check the fixed list shows
    (site / "index.html").write_text(PAGE.format(above="", below="").replace("/gibt-es-nicht", "/"), encoding="utf-8")
    check([str(site), "--baseline", str(previous), "--report", f"html={html}", "--report", f"markdown={md}"])
    assert "Fixed since the last check" in html.read_text() and "Fixed since the baseline (1)" in md.read_text()
    assert "Fixed since" in capsys.readouterr().out


def test_fingerprint_ignores_positions_and_the_target_folder() -> None:
    one = {"rule": "nap-phone-mismatch", "location": {"path": "build/a/index.html", "line": 3}, "target": None,
           "platform": None, "field": "phone", "actual": "+49 30 1234567", "message": "phone at build/a/index.html:3"}
    moved = one | {"location": {"path": "build/a/index.html", "line": 40}, "message": "phone at build/a/index.html:40"}
    elsewhere = one | {"location": {"path": "out/a/index.html", "line": 3}}
    assert fingerprint(one, "build") == fingerprint(moved, "build") == fingerprint(elsewhere, "out/")
    assert fingerprint(one, "build") != fingerprint(one | {"actual": "+49 30 7654321"}, "build")
    bare = {"rule": "brand-no-contact-route", "location": {"path": "p/index.html", "line": 1},
            "message": "no way, line 4"}
    assert fingerprint(bare) == fingerprint(bare | {"message": "no way, line 9"})
    assert fingerprint(bare) != fingerprint(bare | {"message": "another thing"})


def test_a_channel_finding_on_the_config_is_the_same_wherever_the_run_was() -> None:
    here = {"rule": "channel-not-linked", "location": {"path": "/runner/a/omnilinks.yml", "line": 9},
            "target": "https://www.tiktok.com/@tacosdonpepe", "platform": "tiktok"}
    there = here | {"location": {"path": "/home/ci/work/omnilinks.yml", "line": 12}}
    assert fingerprint(here, "public") == fingerprint(there, "public")


def test_github_annotations_put_new_findings_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site, previous = first_run(tmp_path)
    build(site, below='<a href="/zzz-neu">x</a>')
    capsys.readouterr()
    check([str(site), "--baseline", str(previous), "--format", "github"])
    errors = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::error")]
    assert "title=omnilinks link-internal-missing (new)" in errors[0] and "zzz-neu" in errors[0]
    assert not any("(new)" in line for line in errors[1:])


def test_an_incomplete_run_lists_nothing_as_fixed() -> None:
    from omnilinks.baseline import compare
    from omnilinks.models import Finding, Identity, Location, Report

    broken = Finding("link-broken", "link", "error", "https://a.example/x answers HTTP 404",
                     Location(path="public/index.html", line=3), target="https://a.example/x", actual="404")
    earlier = {"schema_version": 1, "target": "public", "findings": [
        broken.to_dict(), {**broken.to_dict(), "target": "https://a.example/y"}]}
    partial = Report("public", (broken,), (), Identity(), 1, 2, "test", complete=False)
    marked = compare(partial, earlier, "prev.json")
    assert marked.baseline is not None and marked.baseline.fixed == () and marked.baseline.unchanged == 1
    assert any("not listed as fixed" in note for note in marked.notes)
    assert compare(Report("public", (broken,), (), Identity(), 1, 2, "test"), earlier, "p").baseline.fixed[0][
        "target"] == "https://a.example/y"
    # Same URL, another state (410 instead of 404): the same problem.
    other_state = {**broken.to_dict(), "actual": "410", "message": "https://a.example/x answers HTTP 410"}
    from omnilinks.baseline import fingerprint
    assert fingerprint(other_state, "public") == fingerprint(broken.to_dict(), "public")
