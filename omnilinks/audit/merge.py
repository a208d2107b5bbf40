"""Portfolio outputs, and `omnilinks merge`: join the result folders of shard runs
into one portfolio, as if one machine had checked every client."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from omnilinks.audit.csv_export import render_csv
from omnilinks.audit.portfolio import render_portfolio
from omnilinks.audit.resume import RESULT_NAME, ResultStore
from omnilinks.errors import OmnilinksError
from omnilinks.report.base import write_atomic

PORTFOLIO_NAME = "portfolio.html"
CSV_NAME = "findings.csv"


def write_outputs(outdir: str | Path, results: list[dict[str, Any]], title: str = "omnilinks portfolio",
                  unfinished: int = 0) -> None:
    out = Path(outdir)
    write_atomic(out / PORTFOLIO_NAME, render_portfolio(results, title, unfinished))
    write_atomic(out / CSV_NAME, render_csv(results))


def merge(sources: list[str | Path], dest: str | Path, title: str = "omnilinks portfolio") -> list[dict[str, Any]]:
    """Copy every client folder of every source into dest and write the portfolio of all of them."""
    target = ResultStore(dest)
    found: dict[str, tuple[dict[str, Any], Path]] = {}
    for source in sources:
        store = ResultStore(source)
        if not store.clients_dir.is_dir():
            raise OmnilinksError(f"{source}: not an audit output folder (no clients/ inside)")
        for result in store.all_results():
            slug = result["client"]["slug"]
            if slug in found and found[slug][0]["client"]["fingerprint"] != result["client"]["fingerprint"]:
                raise OmnilinksError(f"client {slug!r} is in both {found[slug][1]} and {source} with different "
                                     f"definitions; merge the outputs of one audit only")
            found[slug] = (result, Path(source))
    for slug, (_, source) in sorted(found.items()):
        origin, copy = ResultStore(source).folder(slug), target.folder(slug)
        if origin.resolve() != copy.resolve():
            _copy_client(origin, copy)
    results = [found[slug][0] for slug in sorted(found)]
    write_outputs(dest, results, title)
    return results


def _copy_client(origin: Path, copy: Path) -> None:
    copy.mkdir(parents=True, exist_ok=True)
    # result.json last: a merge stopped halfway leaves no client that looks done but lacks its report
    for item in sorted(origin.iterdir(), key=lambda p: p.name == RESULT_NAME):
        if item.is_file():
            write_atomic(copy / item.name, item.read_text(encoding="utf-8"))
        elif item.is_dir():
            shutil.copytree(item, copy / item.name, dirs_exist_ok=True)
