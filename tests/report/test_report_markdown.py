"""`markdown`: tables crawled text cannot break, under 1 MiB whatever the size of the site."""
from __future__ import annotations

from collections.abc import Callable

from omnilinks.models import Finding, Location, Profile, Report
from omnilinks.report import RenderOptions, markdown


def test_cells_are_escaped(sample: Callable[..., Report]) -> None:
    finding = Finding("link-broken", "link", "error", "a | b <script>alert(1)</script> @team\nnext",
                      Location("public/x|y.html", 1), fix="use `x` | *y*")
    channel = Profile("generic", "https://e.example/|x", None, "mismatch", "<img src=x onerror=alert(1)>", False)
    out = markdown.render(sample(findings=[finding], channels=(channel,)), RenderOptions())
    rows = [line for line in out.splitlines() if line.startswith("| 🔴") or line.startswith("| generic")]
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
