"""`markdown`: tables crawled text cannot break, under 1 MiB whatever the size of the site."""
from __future__ import annotations

from collections.abc import Callable

from omnilinks.models import Finding, Location, Profile, Report
from omnilinks.report import RenderOptions
from omnilinks.report.formats import markdown


def test_cells_are_escaped(sample: Callable[..., Report]) -> None:
    finding = Finding("link-broken", "link", "error", "a | b <script>alert(1)</script> @team\nnext",
                      Location("public/x|y.html", 1), fix="use `x` | *y*")
    channel = Profile("generic", "https://e.example/|x", None, "mismatch", "<img src=x onerror=alert(1)>", False)
    out = markdown.render(sample(findings=[finding], channels=(channel,)), RenderOptions())
    rows = [line for line in out.splitlines() if line.startswith("| 🔴") or line.startswith("| Web page |")]
    assert len(rows) == 2
    for row in rows:
        unescaped_pipes = row.replace("\\|", "").count("|")
        assert unescaped_pipes == (5 if row.startswith("| 🔴") else 7), row
    assert "<script>" not in out and "<img" not in out and "&lt;script&gt;" in out
    assert "&#64;team" in out and "next" in out


def test_size_stays_under_one_mebibyte(sample: Callable[..., Report]) -> None:
    findings = [Finding("link-broken", "link", "error", f"https://example.com/{'x' * 300}/{n} answers 404",
                        Location(f"public/page-{n}/index.html", n + 1), target=f"https://example.com/{n}",
                        fix="Remove the link or link the page's new address. " * 4) for n in range(20_000)]
    out = markdown.render(sample(findings=findings), RenderOptions())
    assert len(out.encode("utf-8")) < 1024 * 1024
    last = out.rstrip().splitlines()[-1]
    shown = sum(1 for line in out.splitlines() if line.startswith("| 🔴"))
    assert shown > 100 and f"_{20_000 - shown} more rows left out" in last


def test_clean_report_says_so(sample: Callable[..., Report]) -> None:
    out = markdown.render(sample(findings=[], channels=()), RenderOptions())
    assert "| 0 | 0 | 0 |" in out and "No findings" in out


def test_paths_are_relative_to_the_repository(sample: Callable[..., Report], tmp_path) -> None:
    page = tmp_path / "public" / "about" / "index.html"
    finding = Finding("link-broken", "link", "error", "gone", Location(str(page), 5, 2), target="https://x.example/")
    out = markdown.render(sample(findings=[finding]), RenderOptions(repo_root=str(tmp_path)))
    assert "| public/about/index.html:5:2 |" in out and str(tmp_path) not in out


def test_rules_link_their_documentation(sample: Callable[..., Report]) -> None:
    from omnilinks.rules.catalogue import rule_url

    out = markdown.render(sample(), RenderOptions())
    assert f"[link-broken]({rule_url('link-broken')})" in out
    assert "<sub>brand-title-name</sub>" in out  # an undeclared id is not linked to a missing section


def test_name_address_phone_table_compares_normal_forms(sample: Callable[..., Report]) -> None:
    from dataclasses import replace

    identity = replace(sample().identity, phone="+62215550123", country="ID")
    written = Finding("schema-telephone-no-country-code", "schema", "warning", "no country code",
                      Location("public/index.html", 4), field="phone", actual="021-5550123")
    other = Finding("nap-phone-mismatch", "nap", "error", "another phone", Location("public/menu/index.html", 8),
                    field="phone", actual="(021) 5550124")
    out = markdown.render(sample(findings=[written, other], identity=identity), RenderOptions(repo_root="."))
    table = out.split("### Name, address, phone compared", 1)[1].split("###", 1)[0]
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines() if line.startswith("| ")}
    assert "✓ +62 21 5550123 (written 021-5550123)" in rows["public/index.html"]
    assert "≠ **+62 21 5550124 (written (021) 5550124)**" in rows["public/menu/index.html"]
    assert rows["**Reference**"].count("+62 21 5550123") == 1


def test_hours_differences_are_grouped(tmp_path) -> None:
    from omnilinks.pipeline import check

    (tmp_path / "index.html").write_text("<html><body><footer><p>Jam buka: Senin–Minggu 08.00–21.00</p>"
                                         "<a href='tel:+62215550123'>call</a></footer></body></html>", encoding="utf-8")
    (tmp_path / "omnilinks.yml").write_text("brand:\n  name: Kopi\n  phone: '+62 21 5550123'\n"
                                            "  hours: 'Mo-Su 08:00-22:00'\n", encoding="utf-8")
    report = check(str(tmp_path), config_path=str(tmp_path / "omnilinks.yml"), offline=True, use_cache=False)
    out = markdown.render(report, RenderOptions(repo_root=str(tmp_path)))
    assert "Monday–Sunday: 08:00-22:00 vs 08:00-21:00" in out and "Tuesday:" not in out
