"""The command line: a thin layer over `omnilinks.pipeline`.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/internal
error (one line on stderr), 130/143 interrupted (the partial report is written).
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import click

from omnilinks.config import parse_duration
from omnilinks.config.schema import MAX_DEPTH, MAX_PAGES
from omnilinks.errors import Interrupted, OmnilinksError, arm_hard_stop, disarm_hard_stop, hard_stop_armed
from omnilinks.models import Report
from omnilinks.pipeline import RunOptions, run
from omnilinks.progress import Progress
from omnilinks.report import FORMATS, RenderOptions, write_atomic
from omnilinks.version import __version__
from omnilinks.vocabulary import DEFAULT_FAIL_ON, FAIL_ON_CHOICES, FailOn

DEMO_DIR = Path(__file__).parent / "demo"
INTERRUPT_CODES: dict[int, int] = {signal.SIGINT: 130, signal.SIGTERM: 143}  # keyed by signal number
# Seconds a stage has, after SIGINT/SIGTERM, to notice the stop request itself before it is cut.
HARD_STOP_AFTER = 0.7


class _Commands(click.Group):
    """`check` and `demo` are defined here; the other subcommands (omnilinks.commands) are loaded
    only when one of them is asked for or the commands are listed, so a check does not import the audit."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            _load_plugins()
            command = super().get_command(ctx, cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        _load_plugins()
        return super().list_commands(ctx)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="omnilinks")
def cli() -> None:
    """Check that a site and every channel of a business link each other and agree."""


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    decorators = [
        click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
                     help="Format written to stdout (or --output)."),
        click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the --format report here (atomically)."),
        click.option("--report", "reports", multiple=True, metavar="FORMAT=PATH",
                     help="Also write FORMAT to PATH; repeatable."),
        click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), default=None,
                     help=f"Lowest severity that makes the exit code 1 [default: check.fail_on, else {DEFAULT_FAIL_ON}]."),
        click.option("--color/--no-color", default=None, help="Colour the text format [default: on a terminal]."),
        click.option("--no-progress", is_flag=True, help="Hide the progress line on stderr."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@cli.command()
@click.argument("target")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="omnilinks.yml to use.")
@click.option("--base-url", help="Public URL of the site in the folder (else site.url from the config).")
@click.option("--assume-extension", help="Extension clean URLs map to, e.g. .php; .html is assumed unless 'none'.")
@click.option("--offline", is_flag=True, help="Check only what needs no network.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results cache.")
@click.option("--allow-private", is_flag=True, help="Allow links to private and loopback addresses.")
@click.option("--har", type=click.Path(dir_okay=False), help="Browser HAR export used in place of fetching.")
@click.option("--max-pages", type=click.IntRange(min=1, max=MAX_PAGES), help="Pages a live crawl reads at most.")
@click.option("--max-depth", type=click.IntRange(min=0, max=MAX_DEPTH), help="Link depth of a live crawl.")
@click.option("--max-cache-age", metavar="DURATION",
              help="Reuse a good cached result this long: seconds, or 30m, 12h, 7d (default 1d).")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="A JSON report of an earlier run: mark each finding new or unchanged and list what was fixed.")
@click.option("--fail-on-new", is_flag=True,
              help="Exit 1 only when a finding the baseline did not have reaches --fail-on.")
@output_options
def check(target: str, config_path: str | None, base_url: str | None, assume_extension: str | None,
          offline: bool, no_cache: bool, allow_private: bool, har: str | None, max_pages: int | None,
          max_depth: int | None, max_cache_age: str | None, baseline: str | None, fail_on_new: bool,
          **out: Any) -> None:
    """Check a built site folder or a live URL."""
    try:
        cache_age = parse_duration(max_cache_age) if max_cache_age is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--max-cache-age") from None
    opts = RunOptions(config_path=config_path, base_url=base_url, assume_extension=assume_extension,
                      offline=offline, allow_private=allow_private, use_cache=not no_cache, har=har,
                      max_pages=max_pages, max_depth=max_depth, max_cache_age=cache_age, baseline=baseline)
    execute(target, opts, only_new=fail_on_new, **out)


@cli.command()
@output_options
def demo(**out: Any) -> None:
    """Check the bundled demo presence, offline, from recorded responses."""
    out["fail_on"] = out["fail_on"] or "never"  # the demo's problems are on purpose
    opts = RunOptions(config_path=str(DEMO_DIR / "omnilinks.yml"), har=str(DEMO_DIR / "recorded.har"),
                      replay_only=True, use_cache=False)
    execute(str(DEMO_DIR / "site"), opts, **out)


def execute(target: str, opts: RunOptions, fmt: str, output: str | None, reports: tuple[str, ...],
            fail_on: FailOn | None, color: bool | None, no_progress: bool, only_new: bool = False) -> None:
    extra = [_parse_report_arg(item) for item in reports]
    progress = Progress(enabled=False if no_progress else None)
    cancel = threading.Event()
    with graceful_stop(cancel, hard_stop_after=HARD_STOP_AFTER) as stopped:
        report = run(target, RunOptions(**{**opts.__dict__, "progress": progress, "cancel": cancel}))
        disarm_hard_stop()
        emit(report, fmt, output, extra, color)  # a signal now waits for the report to be written
    if stopped:
        click.echo("omnilinks: interrupted; the report holds what was checked so far", err=True)
        sys.exit(INTERRUPT_CODES[stopped[0]])
    sys.exit(1 if report.fails(fail_on, only_new=only_new) else 0)


def emit(report: Report, fmt: str, output: str | None, extra: list[tuple[str, str]], color: bool | None) -> None:
    for name, path in extra:
        write_atomic(path, FORMATS[name].pieces(report, RenderOptions()))
    if output:
        write_atomic(output, FORMATS[fmt].pieces(report, RenderOptions(color=False)))
        return
    use_color = sys.stdout.isatty() and "NO_COLOR" not in os.environ if color is None else color
    for text in _joined(FORMATS[fmt].pieces(report, RenderOptions(color=use_color))):
        click.echo(text, nl=False)


def _joined(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """The pieces as writes of ~64 KB: click.echo writes and flushes each (a report's 600 findings
    were 600 writes to a pipe, 8 ms), and a report of 60,000 is still never one string."""
    batch: list[str] = []
    held = 0
    for piece in pieces:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(batch)
            batch, held = [], 0
    if batch:
        yield "".join(batch)


def _parse_report_arg(item: str) -> tuple[str, str]:
    name, sep, path = item.partition("=")
    if not sep or not path:
        raise OmnilinksError(f"--report {item!r}: expected FORMAT=PATH")
    if name not in FORMATS:
        raise OmnilinksError(f"--report {item!r}: unknown format {name!r} (known: {', '.join(sorted(FORMATS))})")
    return name, path


@contextmanager
def graceful_stop(cancel: threading.Event, hard_stop_after: float | None = None) -> Iterator[list[int]]:
    """First SIGINT/SIGTERM stops new work and keeps what finished; a second SIGINT aborts.

    With hard_stop_after, a stage still busy that many seconds after the signal (a long
    computation that does not look at `cancel`) is cut by an Interrupted exception, which the
    pipeline turns into a partial report."""
    stopped: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield stopped
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if stopped and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stopped.append(signum)
        cancel.set()
        if hard_stop_after and len(stopped) == 1 and hard_stop_armed() and hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, hard_stop_after)

    def cut(signum: int, frame: FrameType | None) -> None:
        if hard_stop_armed():
            raise Interrupted("stopped: the stage did not end in time")

    previous = {sig: signal.signal(sig, handler) for sig in INTERRUPT_CODES}
    alarm = signal.signal(signal.SIGALRM, cut) if hard_stop_after and hasattr(signal, "SIGALRM") else None
    if hard_stop_after:
        arm_hard_stop()
    try:
        yield stopped
    finally:
        disarm_hard_stop()
        for sig, old in previous.items():
            signal.signal(sig, old)
        if alarm is not None:
            signal.signal(signal.SIGALRM, alarm)


def register(command: click.Command) -> None:
    """Later commands (init, audit, merge) plug in here so the CLI stays one group."""
    cli.add_command(command)


def console() -> None:
    """The `omnilinks` command: main(), then the process ends at once. Everything is written and
    closed by then; what is left is freeing a whole site's pages one object at a time (a quarter
    of a second at 20,000 pages), which an ending process need not do."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: nothing more can be said
        pass
    os._exit(code)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="omnilinks", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("omnilinks: aborted", err=True)
        sys.exit(130)
    except OmnilinksError as exc:
        click.echo(f"omnilinks: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("omnilinks: interrupted", err=True)
        sys.exit(130)
    except Interrupted:  # cut before any page was read: there is nothing to report
        click.echo("omnilinks: interrupted before anything was checked; no report written", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug must still end in one line, not a traceback
        if os.environ.get("OMNILINKS_DEBUG"):
            raise
        click.echo(f"omnilinks: internal error: {exc.__class__.__name__}: {exc} (set OMNILINKS_DEBUG=1 for details)",
                   err=True)
        sys.exit(2)


def _load_plugins() -> None:
    # Commands from other modules register themselves on import.
    import importlib

    for module in ("omnilinks.commands",):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
