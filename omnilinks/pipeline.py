"""The one pipeline: discover pages → fetch → extract → compare (rules) → report."""
from __future__ import annotations

import gc
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import requests

from omnilinks import __version__
from omnilinks.channels import classify
from omnilinks.channels.check import check_channels
from omnilinks.config import Config, find_config, load_config
from omnilinks.discover import Site, discover, is_url
from omnilinks.extract.urls import host_of, without_fragment
from omnilinks.fetch import HttpClient, HttpOptions, ResultCache
from omnilinks.fetch.background import BackgroundChecks
from omnilinks.fetch.guard import AddressPolicy, GuardedAdapter
from omnilinks.fetch.hosts import HostSlots
from omnilinks.fetch.replay import ReplayAdapter, load_har
from omnilinks.identity.resolve import brand_country, resolve_identity
from omnilinks.models import Finding, Page, Report
from omnilinks.progress import Progress
from omnilinks.rules import run_rules
from omnilinks.rules.base import Context
from omnilinks.rules.links import external_urls


@dataclass(frozen=True)
class RunOptions:
    config_path: str | None = None
    base_url: str | None = None
    assume_extension: str | None = None
    offline: bool | None = None
    allow_private: bool = False
    use_cache: bool = True
    har: str | None = None
    replay_only: bool = False  # the demo: recorded responses only, never the network
    max_pages: int | None = None
    max_depth: int | None = None
    progress: Progress | None = None
    cancel: threading.Event | None = None
    slots: HostSlots | None = None  # shared by an agency audit so per-host limits hold across clients


def check(target: str, **options: object) -> Report:
    """Check a built site folder or a live URL and return the report."""
    return run(target, RunOptions(**options))  # type: ignore[arg-type]


def load_for(target: str, opts: RunOptions) -> Config:
    path = opts.config_path or find_config(None if is_url(target) else target)
    config = load_config(path)
    changes: dict[str, object] = {}
    if opts.offline is not None:
        changes["offline"] = opts.offline
    if opts.allow_private:
        changes["allow_private"] = True
    if not opts.use_cache:
        changes["use_cache"] = False
    if opts.max_pages:
        changes["max_pages"] = opts.max_pages
    if opts.max_depth is not None:
        changes["max_depth"] = opts.max_depth
    return config.with_check(**changes) if changes else config


def make_client(config: Config, opts: RunOptions, cancel: threading.Event) -> HttpClient:
    check = config.check
    http = HttpOptions(timeout=check.timeout, retries=check.retries, per_host=check.per_host,
                       concurrency=check.concurrency, max_body=check.max_body, allow_private=check.allow_private,
                       deadline=time.monotonic() + check.deadline)
    transport: requests.adapters.BaseAdapter | None = None
    if opts.har:
        fallback = None if opts.replay_only else GuardedAdapter(AddressPolicy(check.allow_private), check.concurrency)
        transport = ReplayAdapter(load_har(opts.har), fallback, label="demo recording" if opts.replay_only else "har")
    cache = ResultCache() if check.use_cache and not opts.replay_only else None
    return HttpClient(http, cache=cache, transport=transport, cancel=cancel, slots=opts.slots)


def run(target: str, opts: RunOptions) -> Report:
    config = load_for(target, opts)
    progress = opts.progress or Progress(enabled=False)
    cancel = opts.cancel or threading.Event()
    client = make_client(config, opts, cancel)
    try:
        return _run(target, config, opts, client, progress)
    finally:
        client.close()
        if client.cache is not None:
            client.cache.close()


def _run(target: str, config: Config, opts: RunOptions, client: HttpClient, progress: Progress) -> Report:
    base_url = opts.base_url or config.site_url
    # The same site URL the identity is resolved with, so pages and identity read alike.
    region = brand_country(config, config.site_url or (target if is_url(target) else None))
    network = not (config.check.offline or not config.check.external)
    early = BackgroundChecks(client) if network and is_url(target) else None
    start_host = (urlsplit(target).hostname or "").lower()
    excluded = _exclusions(config)

    def on_page(page: Page) -> None:
        progress.step("pages")
        if early is not None:
            for url in _clearly_external(page, start_host, excluded):
                early.offer(url)

    try:
        site = discover(target, client, base_url, opts.assume_extension or config.assume_extension,
                        config.check.max_pages, config.check.max_depth, region, on_page=on_page)
    finally:
        early_results = early.finish() if early is not None else {}
    site_url = config.site_url or (target if is_url(target) else site.base)
    pages = tuple(site.pages)
    with _records_frozen():
        return _compare(target, config, client, progress, site, site_url, pages, network, early_results)


def _compare(target: str, config: Config, client: HttpClient, progress: Progress, site: Site, site_url: str,
             pages: tuple[Page, ...], network: bool, early_results: dict) -> Report:
    identity, observed = resolve_identity(config, pages, site_url=config.site_url or (site.base if is_url(target) else None))
    ctx = Context(config=config, pages=pages, identity=identity, site_url=site_url, site=site,
                  offline=config.check.offline, identity_sources=observed)
    profiles = check_channels(ctx, client, progress)
    # A channel's adapter already judged its URL, with more care than a status check.
    judged = {p.url for p in profiles}
    link_results = _check_links(ctx, client, progress, judged, early_results) if network else {}
    ctx = replace(ctx, link_results=link_results, profiles=profiles)
    findings = _filter(config, run_rules(ctx))
    progress.done()
    complete = not client.cancel.is_set() and not _past_deadline(client)
    notes = _run_notes(client, site, complete)
    return Report(target=target, findings=tuple(sorted(findings, key=Finding.sort_key)), channels=profiles,
                  identity=identity, pages=len(pages), links=sum(len(p.links) for p in pages), version=__version__,
                  complete=complete, config_path=config.path,
                  root=str(site.folder.root) if site.folder is not None else None, notes=notes)


@contextmanager
def _records_frozen() -> Iterator[None]:
    """The pages read are hundreds of thousands of acyclic frozen records: the cyclic
    collector's full passes over them cost a tenth of a big run and can free nothing.
    Frozen, they are skipped; objects made later are collected as usual."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _run_notes(client: HttpClient, site: Site, complete: bool) -> tuple[str, ...]:
    notes = []
    if client.cache is not None and client.cache.warning:
        notes.append(client.cache.warning)
    if site.truncated:
        notes.append("the crawl stopped at the page or depth limit; raise --max-pages/--max-depth to read more")
    if not complete:
        notes.append("the run was interrupted or reached its deadline: results cover what was checked so far")
    return tuple(notes)


def _past_deadline(client: HttpClient) -> bool:
    deadline = client.options.deadline
    return deadline is not None and time.monotonic() > deadline


def _clearly_external(page: Page, start_host: str, patterns: list[re.Pattern[str]]) -> list[str]:
    """Links of a crawled page that will need a check whatever the rest of the crawl finds:
    another host, not a channel (channels are judged by their adapters), not excluded."""
    site_host = start_host.removeprefix("www.")
    urls = []
    for link in page.links:
        url = without_fragment(link.url)
        host = host_of(url)
        if host and host.removeprefix("www.") != site_host and classify(url) is None \
                and not any(p.search(url) for p in patterns):
            urls.append(url)
    return urls


def _exclusions(config: Config) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in config.check.exclude] + _ignored_url_patterns(config)


def _check_links(ctx: Context, client: HttpClient, progress: Progress, judged: set[str],
                 early: dict | None = None) -> dict:
    patterns = _exclusions(ctx.config)
    urls = sorted(u for u in external_urls(ctx)
                  if not any(p.search(u) for p in patterns) and not _judged_channel(u, judged))
    if ctx.site.folder is None:
        urls = [u for u in urls if ctx.site.exists(u) is None]
    progress.total("links", len(urls))
    early = early or {}
    results = {u: early[u] for u in urls if u in early}
    progress.step("links", len(results))
    for url, result in client.map(client.check, [u for u in urls if u not in results]):
        results[url] = result
        progress.step("links")
    return results


def _judged_channel(url: str, judged: set[str]) -> bool:
    ref = classify(url)
    return ref is not None and ref.url in judged


def _ignored_url_patterns(config: Config) -> list[re.Pattern[str]]:
    from omnilinks.rules.base import RULES

    patterns = []
    for item in config.ignore:
        if item in RULES:
            continue
        try:
            patterns.append(re.compile(item))
        except re.error:
            continue
    return patterns


def _filter(config: Config, findings: list[Finding]) -> list[Finding]:
    ignored_rules = set(config.ignore)
    patterns = _ignored_url_patterns(config)
    kept = []
    for finding in findings:
        if finding.rule in ignored_rules or finding.category in ignored_rules:
            continue
        if finding.target and any(p.search(finding.target) for p in patterns):
            continue
        severity = config.severity.get(finding.rule)
        if severity == "off":
            continue
        kept.append(replace(finding, severity=severity) if severity else finding)
    return kept
