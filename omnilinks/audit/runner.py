"""Run an agency audit: every client through `omnilinks.pipeline.run` with its
own config (identity, channels), several clients at a time, each result
written the moment the client finishes.

Network limits: the clients share one set of per-host download slots, so the
per-host limit (4 in flight: instagram.com is one host for every client) holds
across the whole audit and a host that answers 429 slows down for every client;
each client keeps its own timeouts and retries from its config. Link results are
shared through the SQLite results cache under OMNILINKS_CACHE_DIR.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from omnilinks.audit.clients import Client
from omnilinks.audit.progress import AuditProgress
from omnilinks.audit.resume import AUDIT_SCHEMA, ResultStore
from omnilinks.audit.shard import Shard
from omnilinks.audit.summary import score
from omnilinks.baseline import compare
from omnilinks.concurrency import bounded_map
from omnilinks.config import load_config
from omnilinks.discover import is_url
from omnilinks.errors import OmnilinksError
from omnilinks.fetch.hosts import HostSlots
from omnilinks.models import Report
from omnilinks.pipeline import RunOptions, load_for, make_client, run
from omnilinks.progress import Progress
from omnilinks.report import FORMATS, RenderOptions, write_atomic
from omnilinks.report.json_format import to_dict

SCORES_KEPT = 12  # a year of monthly audits


@dataclass(frozen=True)
class AuditOptions:
    """The audit command's settings, the same for every client (each client keeps its own config)."""

    outdir: Path
    jobs: int = 4
    resume: bool = False
    shard: Shard | None = None
    offline: bool = False
    use_cache: bool = True
    progress: bool | None = None  # None: on a terminal


@dataclass
class AuditOutcome:
    """What one audit run did, client by client: for the command's closing line and the portfolio."""

    results: list[dict[str, Any]] = field(default_factory=list)  # this run's clients that are done, by slug
    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)  # stopped by Ctrl-C; --resume runs them


def select(clients: list[Client], shard: Shard | None) -> list[Client]:
    return [c for c in clients if shard is None or shard.takes(c.slug)]


def run_audit(clients: list[Client], options: AuditOptions, cancel: threading.Event | None = None) -> AuditOutcome:
    """Check the clients; a KeyboardInterrupt (or any BaseException) from a client stops the audit after the
    clients already finished have been written."""
    cancel = cancel or threading.Event()
    store = ResultStore(options.outdir)
    mine = select(clients, options.shard)
    outcome = AuditOutcome()
    progress = AuditProgress(len(mine), options.progress)
    todo = []
    for client in mine:
        if options.resume and store.done(client):
            outcome.skipped.append(client.slug)
            progress.skipped(client.name)
        else:
            todo.append(client)
    progress.start()
    slots = HostSlots()
    try:
        _run_pool(todo, options, store, cancel, progress, outcome, slots)
    finally:
        progress.close()
        by_slug = {c.slug for c in mine}
        outcome.results = [r for r in store.all_results() if r["client"]["slug"] in by_slug]
    return outcome


def _run_pool(todo: list[Client], options: AuditOptions, store: ResultStore, cancel: threading.Event,
              progress: AuditProgress, outcome: AuditOutcome, slots: HostSlots | None = None) -> None:
    """A client's KeyboardInterrupt is raised here; it sets `cancel`, so the clients still running
    stop early and are not written."""
    def check(client: Client) -> dict[str, Any] | None:
        return check_client(client, options, store, cancel, progress, slots)

    try:
        for client, result in bounded_map(check, todo, options.jobs, cancel, "omnilinks-audit", in_flight=options.jobs):
            (outcome.ran if result is not None else outcome.unfinished).append(client.slug)
    finally:
        ended = set(outcome.ran) | set(outcome.unfinished)
        outcome.unfinished.extend(c.slug for c in todo if c.slug not in ended)


def check_client(client: Client, options: AuditOptions, store: ResultStore, cancel: threading.Event,
                 progress: AuditProgress, slots: HostSlots | None = None) -> dict[str, Any] | None:
    """Check one client and write its result; None when a cancel stopped it (nothing written)."""
    if cancel.is_set():
        return None
    counters = progress.client_started(client.name)
    result: dict[str, Any] | None = None
    try:
        result = _check(client, options, store, cancel, counters, slots)
        if result is not None:
            store.save(result)
        return result
    finally:
        progress.client_finished(client.name, result)


def _check(client: Client, options: AuditOptions, store: ResultStore, cancel: threading.Event,
           counters: Progress, slots: HostSlots | None = None) -> dict[str, Any] | None:
    base: dict[str, Any] = {"audit_schema": AUDIT_SCHEMA, "client": {"name": client.name, "slug": client.slug,
                                                     "target": client.target, "fingerprint": client.fingerprint()},
            "status": "done", "error": None, "report": None, "html": None}
    try:
        config_path = _config_path(client, store)
        target = client.target or load_config(config_path).site_url
        if not target:
            raise OmnilinksError(f"{client.source}: client {client.name!r} has no target and its config no site.url")
        base["client"]["target"] = target
        if not is_url(target) and not Path(target).is_dir():
            return base | {"status": "down", "error": f"site folder {target} does not exist (not built?)"}
        report = run(target, RunOptions(config_path=config_path, base_url=client.base_url,
                                        assume_extension=client.assume_extension,
                                        offline=options.offline, allow_private=client.allow_private,
                                        use_cache=options.use_cache, progress=counters, cancel=cancel,
                                        slots=slots))
    except OmnilinksError as exc:
        return base | {"status": "error", "error": str(exc)}
    except Exception as exc:  # a bug in one client's check must not sink the whole portfolio
        return base | {"status": "error", "error": f"internal error: {exc.__class__.__name__}: {exc}"}
    if cancel.is_set():
        return None
    previous = _previous(store, client)
    if is_url(target) and report.pages == 0:
        why = _why_down(target, client, report.offline, config_path, cancel, slots)
        return base | {"status": "down", "error": f"site down: {why}", "scores": _scores(previous, None)}
    if previous is not None and previous.get("report"):
        report = compare(report, previous["report"], "the previous audit")
    data = to_dict(report)
    return base | {"report": data, "html": _write_html(report, client, store), "scores": _scores(previous, data)}


def _previous(store: ResultStore, client: Client) -> dict[str, Any] | None:
    """The client's result from the last audit into this folder (None the first time, or if unreadable)."""
    try:
        return store.load(client.slug)
    except OmnilinksError:
        return None


def _scores(previous: dict[str, Any] | None, report: dict[str, Any] | None) -> list[int]:
    """The score of each audit that could check the client, oldest first, this one last."""
    history: list[int] = []
    if previous is not None:
        history = [int(s) for s in previous.get("scores") or () if isinstance(s, int)]
        if not history and previous.get("report"):  # a result written before scores were kept
            history = [score(previous["report"]["findings"])]
    if report is not None:
        history.append(score(report["findings"]))
    return history[-SCORES_KEPT:]


def _config_path(client: Client, store: ResultStore) -> str | None:
    if client.inline_config is None:
        return client.config_path
    path = store.folder(client) / "omnilinks.yml"
    write_atomic(path, f"# inline config of {client.name} from {client.source}\n{client.inline_config}")
    return str(path)


def _write_html(report: Report, client: Client, store: ResultStore) -> str | None:
    html = FORMATS.get("html")
    if html is None:
        return None
    write_atomic(store.folder(client) / "report.html", html.render(report, RenderOptions()))
    return f"clients/{client.slug}/report.html"


def _why_down(url: str, client: Client, offline: bool, config_path: str | None,
              cancel: threading.Event, slots: HostSlots | None) -> str:
    """The crawl read no page; ask once more to say why (refused, DNS, TLS, HTTP 5xx…), unless
    the run was offline (--offline or the client's check.offline).

    The HTTP client is built where the pipeline builds its own, from the client's config (headers,
    address policy, deadline), so the question is asked the way the crawl asked; only quicker: no
    retries, at most 10 s, and no cached answer."""
    if offline:
        return "no page could be read (offline run)"
    run_options = RunOptions(config_path=config_path, allow_private=client.allow_private, use_cache=False,
                             slots=slots)
    config = load_for(url, run_options)
    config = config.with_check(retries=0, timeout=min(config.check.timeout, 10.0))
    http = make_client(config, run_options, cancel)
    try:
        http.allow_host(urlsplit(url).hostname or "")
        response = http.get(url, max_body=65_536)
    finally:
        http.close()
    return f"{url}: {response.describe()}" if not response.ok else f"{url} answered but no HTML page was read"
