"""`ignore` is decoded once: rule ids, categories and URL patterns never stand in for each other."""
from __future__ import annotations

from pathlib import Path

import pytest
import responses

import omnilinks
from omnilinks.config import load_config
from omnilinks.errors import ConfigError
from omnilinks.rules.suppress import suppressions


def _config(tmp_path: Path, body: str):
    path = tmp_path / "omnilinks.yml"
    path.write_text(body, encoding="utf-8")
    return load_config(path)


def test_entries_decode_into_rules_categories_and_urls(tmp_path: Path) -> None:
    config = _config(tmp_path, 'ignore:\n  - schema\n  - link-redirect\n  - "^https://example\\\\.org/"\n'
                               '  - url: nap\n  - rule: link-insecure\n  - category: brand\n')
    hidden = suppressions(config)
    assert hidden.categories == {"schema", "brand"}
    assert hidden.rules == {"link-redirect", "link-insecure"}
    assert [p.pattern for p in hidden.urls] == ["^https://example\\.org/", "nap"]


@pytest.mark.parametrize(("entry", "line", "words"), [
    ("  - schemas\n", 3, "neither a rule id nor a category; write `rule: schemas` or `url: schemas`"),
    ("  - rule: link-redirects\n", 3, "unknown rule id 'link-redirects'"),
    ("  - category: links\n", 3, "unknown category 'links'"),
])
def test_a_name_that_is_not_in_the_catalogue_names_its_line(tmp_path: Path, entry: str, line: int,
                                                           words: str) -> None:
    config = _config(tmp_path, "ignore:\n  - link-redirect\n" + entry)
    with pytest.raises(ConfigError) as caught:
        suppressions(config)
    assert caught.value.line == line and caught.value.key == "ignore[1]"
    assert words in str(caught.value)


def test_a_bad_url_pattern_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, 'ignore:\n  - url: "(unclosed"\n')
    assert caught.value.line == 2 and "regular expression" in str(caught.value)


@responses.activate
def test_ignoring_the_schema_category_still_checks_links_to_schema_org(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><head><title>Docs</title></head><body>'
        '<a href="https://schema.org/LocalBusiness">types</a>'
        '<a href="https://www.snapchat.com/add/nobody">snap</a></body></html>', encoding="utf-8")
    (site / "omnilinks.yml").write_text("ignore: [schema, nap]\n", encoding="utf-8")
    responses.add(responses.HEAD, "https://schema.org/LocalBusiness", status=404)
    responses.add(responses.GET, "https://schema.org/LocalBusiness", status=404)
    responses.add(responses.HEAD, "https://www.snapchat.com/add/nobody", status=404)
    responses.add(responses.GET, "https://www.snapchat.com/add/nobody", status=404)
    report = omnilinks.check(str(site), use_cache=False)
    broken = {f.target for f in report.findings if f.rule == "link-broken"}
    assert broken == {"https://schema.org/LocalBusiness", "https://www.snapchat.com/add/nobody"}
    assert not any(f.category in {"schema", "nap"} for f in report.findings)
