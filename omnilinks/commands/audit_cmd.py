"""`omnilinks audit` (many clients → portfolio) and `omnilinks merge` (shards → portfolio)."""
from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import click

from omnilinks.audit import AuditOptions, load_clients, merge, parse_shard, run_audit, write_outputs
from omnilinks.audit.merge import CSV_NAME, PORTFOLIO_NAME
from omnilinks.cli import INTERRUPT_CODES, graceful_stop, register
from omnilinks.vocabulary import FAIL_ON_CHOICES, SEVERITY_ORDER, FailOn

DEFAULT_OUTDIR = "omnilinks-audit"


@click.command()
@click.argument("clients", type=click.Path(exists=True))
@click.option("--output-dir", "-o", "outdir", type=click.Path(file_okay=False), default=DEFAULT_OUTDIR,
              show_default=True, help="Folder for per-client results and reports, the portfolio and the CSV.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=4, show_default=True,
              help="Clients checked at the same time (each within its own check.concurrency/per_host).")
@click.option("--resume", is_flag=True, help="Skip clients already done in --output-dir (after a crash or Ctrl-C).")
@click.option("--shard", "shard_text", metavar="K/N", help="Check only shard K of N (stable by client), e.g. 2/4.")
@click.option("--offline", is_flag=True, help="Check only what needs no network.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results cache.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), default="never", show_default=True,
              help="Exit 1 when a client has findings at this severity or a client could not be checked.")
@click.option("--title", default="omnilinks portfolio", show_default=True, help="Title of the portfolio page.")
@click.option("--no-progress", is_flag=True, help="Hide the progress lines on stderr.")
def audit(clients: str, outdir: str, jobs: int, resume: bool, shard_text: str | None, offline: bool,
          no_cache: bool, fail_on: FailOn, title: str, no_progress: bool) -> None:
    """Audit many clients: CLIENTS is a clients.yml or a folder of per-client folders with omnilinks.yml."""
    roster = load_clients(clients)
    options = AuditOptions(outdir=Path(outdir), jobs=jobs, resume=resume,
                           shard=parse_shard(shard_text) if shard_text else None, offline=offline,
                           use_cache=not no_cache, progress=False if no_progress else None)
    cancel = threading.Event()
    with graceful_stop(cancel) as stopped:
        outcome = run_audit(roster, options, cancel)
    write_outputs(outdir, outcome.results, title, unfinished=len(outcome.unfinished))
    out = Path(outdir)
    click.echo(f"omnilinks: {len(outcome.ran)} clients checked, {len(outcome.skipped)} resumed; "
               f"portfolio {out / PORTFOLIO_NAME}, findings {out / CSV_NAME}", err=True)
    if stopped or outcome.unfinished:
        click.echo(f"omnilinks: interrupted with {len(outcome.unfinished)} clients unfinished; "
                   f"run again with --resume to finish them", err=True)
        sys.exit(INTERRUPT_CODES[stopped[0]] if stopped else 130)
    sys.exit(1 if _fails(outcome.results, fail_on) else 0)


@click.command(name="merge")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--output-dir", "-o", "outdir", type=click.Path(file_okay=False), default=DEFAULT_OUTDIR,
              show_default=True, help="Folder for the merged clients, portfolio and CSV.")
@click.option("--title", default="omnilinks portfolio", show_default=True, help="Title of the portfolio page.")
def merge_cmd(sources: tuple[str, ...], outdir: str, title: str) -> None:
    """Join the output folders of `audit --shard` runs into one portfolio."""
    results = merge(list(sources), outdir, title)
    click.echo(f"omnilinks: merged {len(results)} clients from {len(sources)} folders into "
               f"{Path(outdir) / PORTFOLIO_NAME}", err=True)


def _fails(results: list[dict[str, Any]], fail_on: FailOn) -> bool:
    if fail_on == "never":
        return False
    limit = SEVERITY_ORDER[fail_on]
    for result in results:
        if result["status"] != "done":
            return True
        if any(SEVERITY_ORDER[f["severity"]] <= limit for f in result["report"]["findings"]):
            return True
    return False


register(audit)
register(merge_cmd)
