"""A #fragment is judged against the ids of the very page it names, whatever the link rule
remembers of the target: a page with no ids at all, a page with some, a file whose ids cannot be
known, and the same target linked with and without a fragment from many pages."""
from __future__ import annotations

from pathlib import Path

import omnilinks


def test_fragments_are_judged_against_each_targets_own_ids(tmp_path: Path) -> None:
    (tmp_path / "bare.html").write_text("<!doctype html><title>t</title><p>no ids here</p>", encoding="utf-8")
    (tmp_path / "ids.html").write_text('<!doctype html><title>t</title><h2 id="menu">m</h2>', encoding="utf-8")
    (tmp_path / "menu.pdf").write_bytes(b"%PDF-1.4")
    links = ('<a href="bare.html">1</a> <a href="bare.html#gone">2</a> <a href="bare.html#top">3</a>\n'
             '<a href="ids.html#menu">4</a> <a href="ids.html#nope">5</a> <a href="ids.html">6</a>\n'
             '<a href="menu.pdf#page=2">7</a> <img src="bare.html#gone">\n')
    for name in ("index.html", "second.html"):
        (tmp_path / name).write_text(f"<!doctype html><title>t</title>\n{links}", encoding="utf-8")

    report = omnilinks.check(str(tmp_path), offline=True, use_cache=False)

    found = sorted((f.location.path.rsplit("/", 1)[-1], f.location.line, f.target.rsplit("/", 1)[-1])
                   for f in report.findings if f.rule == "link-fragment-missing")
    assert found == [(page, line, target) for page in ("index.html", "second.html")
                     for line, target in ((2, "bare.html#gone"), (3, "ids.html#nope"))]
