"""`github` annotations: escaping, limits, placement, step summary, and no command injection."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from omnilinks.models import Finding, Location, Profile, Report
from omnilinks.report import RenderOptions
from omnilinks.report.formats import github
from omnilinks.rules.catalogue import rule_url

LINE = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")
PROPERTY_KEYS = {"file", "line", "col", "endLine", "endColumn", "title"}
HOSTILE = ["%0A::error::pwned", "\n::set-env name=x::y", "##[stop-commands]x", "::add-mask::secret",
           "\r\n::warning::cr", "x\n##[group]y", "  ::error ::indented", "%25%0D", "\x1b[31mred\x1b[0m", ",file=:"]


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse(output: str) -> list[tuple[str, dict[str, str], str]]:
    """Read the output as the runner does; fail on anything that is not one of our annotations."""
    parsed = []
    for line in output.splitlines():
        assert "##[" not in line, line
        match = LINE.match(line)
        assert match, f"not an annotation: {line!r}"
        kind, props, message = match.groups()
        properties = {}
        for item in (props or "").split(","):
            if item:
                key, sep, value = item.partition("=")
                assert sep and key in PROPERTY_KEYS, item
                properties[key] = unescape_property(value)
        text = unescape_data(message)
        assert "\n" not in text and "\r" not in text and "\x1b" not in text
        for value in [text, *properties.values()]:
            assert not value.lstrip().startswith("::") and "##[" not in value
        parsed.append((kind, properties, text))
    return parsed


def test_escaping_follows_the_runner() -> None:
    assert github.escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_sample_annotations(sample: Callable[..., Report], in_site: Path) -> None:
    parsed = parse(github.render(sample(), RenderOptions(repo_root=".")))
    kinds = [kind for kind, _, _ in parsed]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)  # most severe first
    by_title = {props["title"].split(" (")[0]: (props, text) for _, props, text in parsed if "title" in props}
    props, text = by_title["omnilinks link-internal-missing"]
    assert props["file"] == "content/about.md" and props["line"] == "7"  # mapped to the source
    assert "(built: public/about/index.html:5)" in text
    props, _ = by_title["omnilinks channel-not-linked"]
    assert props == {"file": "omnilinks.yml", "line": "12",
                     "title": f"omnilinks channel-not-linked ({rule_url('channel-not-linked')})"}
    props, text = by_title["omnilinks link-unreachable"]
    assert "file" not in props and "(on https://kopisenja.id/promo)" in text


def test_paths_relative_to_github_workspace(sample: Callable[..., Report], in_site: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(in_site.parent))
    report = sample(findings=[Finding("brand-title-name", "brand", "warning", "x", Location("public/index.html", 3))])
    (_, props, _), = parse(github.render(report, RenderOptions()))
    assert props["file"] == "hugo_site/public/index.html"


def many(severity: str, count: int) -> list[Finding]:
    return [Finding("link-broken", "link", severity, f"{severity} {n}", Location(f"public/p{n:03}.html", n + 1))
            for n in range(count)]


def test_at_most_ten_of_each_then_one_notice(sample: Callable[..., Report]) -> None:
    report = sample(findings=many("notice", 12) + many("warning", 15) + many("error", 25), root=None)
    parsed = parse(github.render(report, RenderOptions()))
    kinds = [kind for kind, _, _ in parsed]
    assert kinds.count("error") == 10 and kinds.count("warning") == 10 and kinds.count("notice") == 10
    last = parsed[-1]
    assert last[0] == "notice" and "23 more findings" in last[2] and "(15 errors, 5 warnings, 3 notices)" in last[2]
    assert [text for kind, _, text in parsed if kind == "error"][:2] == ["error 0", "error 1"]


def test_step_summary_is_appended_once(sample: Callable[..., Report], in_site: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("## Build\n\nearlier step output\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    report = sample()
    github.render(report, RenderOptions(repo_root="."))
    github.render(report, RenderOptions(repo_root="."))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Build\n\nearlier step output\n")
    assert text.count("## omnilinks:") == 1 and "| Tokopedia |" in text


def hostile_report(sample: Callable[..., Report]) -> Report:
    findings = []
    for n, bad in enumerate(HOSTILE):
        findings.append(Finding("link-broken", "link", "error", f"title {bad} broken", Location(f"public/{bad}.html", 2),
                                target=f"https://evil.example/{bad}", fix=bad, actual=bad))
        findings.append(Finding("nap-phone-mismatch", "nap", "warning", bad, Location(url=f"https://e.example/{n}{bad}"),
                                platform=bad, expected=bad, actual=bad))
    channels = (Profile("generic", f"https://evil.example/{HOSTILE[1]}", HOSTILE[2], "mismatch", HOSTILE[0], False,
                        evidence=HOSTILE[3]),)
    return sample(findings=findings, channels=channels, target=f"https://evil.example/{HOSTILE[1]}")


def test_untrusted_text_cannot_inject_commands(sample: Callable[..., Report], in_site: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    output = github.render(hostile_report(sample), RenderOptions(repo_root="."))
    parsed = parse(output)
    assert len(parsed) == len(HOSTILE) * 2 + 0  # 20 findings: 10 errors, 10 warnings, nothing hidden
    assert sum(1 for line in output.splitlines() if line.startswith("::")) == len(parsed)
    for line in summary.read_text(encoding="utf-8").splitlines():
        assert not line.lstrip().startswith("::") and "##[" not in line, line
        assert "\x1b" not in line


def test_more_than_ten_hostile_lines_still_parse(sample: Callable[..., Report], in_site: Path) -> None:
    report = hostile_report(sample)
    doubled = sample(findings=list(report.findings) * 2, channels=report.channels, target=report.target)
    parsed = parse(github.render(doubled, RenderOptions(repo_root=".")))
    assert parsed[-1][0] == "notice" and "20 more findings" in parsed[-1][2]


def test_one_template_mistake_is_one_annotation(sample: Callable[..., Report], in_site: Path) -> None:
    pages = ["public/index.html", "public/about/index.html", "public/contact/index.html", "public/menu/index.html"]
    repeated = [Finding("link-redirect", "link", "warning", "http://instagram.com/kopisenja redirects",
                        Location(page, 10, 3), target="http://instagram.com/kopisenja") for page in pages]
    parsed = parse(github.render(sample(findings=repeated), RenderOptions(repo_root=".")))
    (kind, props, text), = parsed
    assert props["file"] == "layouts/partials/footer.html" and props["line"] == "5"
    assert text.endswith("(built: public/about/index.html:10, public/contact/index.html:10, public/index.html:10 "
                         "and 1 more)")  # in report order: by path
