"""The one pipeline every face (CLI, plugins, audit) runs.

In order: load the config (the command line's options over omnilinks.yml) →
discover the pages (read the folder or crawl the site, each page fetched and
extracted as it comes; a live crawl already checks the external links it finds
on a background thread) → resolve the brand's identity from config and pages →
check the channels (one adapter per platform) → check the external links →
read the images → follow the channels' tagged links back → run the rules →
drop what `ignore` and `severity: off` hide, set overridden severities → settle
each channel's status from the findings → the Report (compared with a baseline
when one is given).
"""
from __future__ import annotations

import gc
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from omnilinks.baseline import compare, load_baseline
from omnilinks.channels import by_platform, classify
from omnilinks.channels.check import check_channels
from omnilinks.config import Config, expand_headers, find_config, load_config
from omnilinks.context import Context, ExternalIds, SiteContext
from omnilinks.discover import Site, discover, is_url
from omnilinks.discover.folder import LOCAL_BASE, normalize_base
from omnilinks.errors import ConfigError, Interrupted, disarm_hard_stop
from omnilinks.extract.html import fragment_targets
from omnilinks.extract.urls import host_of, without_fragment
from omnilinks.fetch import HttpClient, HttpOptions, ResultCache
from omnilinks.fetch.background import BackgroundChecks
from omnilinks.fetch.hosts import HostSlots
from omnilinks.fetch.policy import AddressPolicy
from omnilinks.fetch.types import Response
from omnilinks.identity.resolve import brand_country, resolve_identity
from omnilinks.identity.titles import forget_title_claims
from omnilinks.images.collect import comparison_notes, image_urls, probe_images
from omnilinks.models import Finding, Identity, ImageInfo, Page, Profile, Report
from omnilinks.normalize.domain import same_host
from omnilinks.progress import Progress
from omnilinks.rules import run_rules
from omnilinks.rules.attribution import landing_urls
from omnilinks.rules.channel_verdict import settle_channels
from omnilinks.rules.links import external_urls, fragment_pages
from omnilinks.rules.suppress import suppressions
from omnilinks.version import __version__

if TYPE_CHECKING:
    import requests


@dataclass(frozen=True)
class RunOptions:
    """What a face (CLI, plugin, audit) asks of one run, over what omnilinks.yml says."""

    config_path: str | None = None
    base_url: str | None = None
    assume_extension: str | None = None
    offline: bool = False  # True: nothing over the network, whatever check.offline says; False: as it says
    allow_private: bool = False
    use_cache: bool = True
    har: str | None = None
    replay_only: bool = False  # the demo: recorded responses only, never the network
    max_pages: int | None = None
    max_depth: int | None = None
    max_cache_age: float | None = None  # seconds a good result is reused (check.max_cache_age)
    progress: Progress | None = None
    cancel: threading.Event | None = None
    slots: HostSlots | None = None  # shared by an agency audit so per-host limits hold across clients
    baseline: str | None = None  # an earlier JSON report: mark findings new/unchanged and list the fixed


def check(target: str, **options: object) -> Report:
    """Check a built site folder or a live URL and return the report."""
    return run(target, RunOptions(**options))  # type: ignore[arg-type]


def load_for(target: str, opts: RunOptions) -> Config:
    path = opts.config_path or find_config(None if is_url(target) else target)
    config = load_config(path)
    _check_attribution_platforms(config)
    changes: dict[str, object] = {}
    if opts.offline:
        changes["offline"] = True
    if opts.allow_private:
        changes["allow_private"] = True
    if not opts.use_cache:
        changes["use_cache"] = False
    if opts.max_pages:
        changes["max_pages"] = opts.max_pages
    if opts.max_depth is not None:
        changes["max_depth"] = opts.max_depth
    if opts.max_cache_age is not None:
        changes["max_cache_age"] = opts.max_cache_age
    return config.with_check(**changes) if changes else config


def _check_attribution_platforms(config: Config) -> None:
    """attribution.utm_source is keyed by platform id; only the adapters' registry knows them."""
    declared = config.attribution
    if declared is None:
        return
    known = sorted(by_platform())
    for platform in declared.utm_source:
        if platform not in by_platform():
            raise ConfigError(config.path or "omnilinks.yml", f"unknown platform id (known: {', '.join(known)})",
                              declared.source_lines.get(platform), f"attribution.utm_source.{platform}")


def make_client(config: Config, opts: RunOptions, cancel: threading.Event) -> HttpClient:
    check = config.check
    http = HttpOptions(timeout=check.timeout, retries=check.retries, per_host=check.per_host,
                       concurrency=check.concurrency, max_body=check.max_body, allow_private=check.allow_private,
                       deadline=time.monotonic() + check.deadline, url_headers=expand_headers(config))
    transport: requests.adapters.BaseAdapter | None = None
    if opts.har:
        from omnilinks.fetch.guard import GuardedAdapter  # only a recording needs requests' adapters
        from omnilinks.fetch.replay import ReplayAdapter, load_har

        fallback = None if opts.replay_only else GuardedAdapter(AddressPolicy(check.allow_private), check.concurrency)
        transport = ReplayAdapter(load_har(opts.har), fallback, label="demo recording" if opts.replay_only else "har")
    cache = ResultCache(max_age=check.max_cache_age) if check.use_cache and not opts.replay_only else None
    return HttpClient(http, cache=cache, transport=transport, cancel=cancel, slots=opts.slots)


def run(target: str, opts: RunOptions) -> Report:
    earlier = load_baseline(opts.baseline) if opts.baseline else None  # a bad file stops before the crawl
    config = load_for(target, opts)
    suppressions(config)  # a bad `ignore` entry stops the run before any crawling
    progress = opts.progress or Progress(enabled=False)
    cancel = opts.cancel or threading.Event()
    client = make_client(config, opts, cancel)
    started, clock = datetime.now(timezone.utc), time.monotonic()
    try:
        report = _run(target, config, opts, client, progress)
        report = replace(report, started_at=started.isoformat(timespec="seconds").replace("+00:00", "Z"),
                         duration=round(time.monotonic() - clock, 3),
                         fail_on=config.check.fail_on, offline=config.check.offline)
        return compare(report, earlier, str(opts.baseline)) if earlier is not None else report
    finally:
        client.close()
        if client.cache is not None:
            client.cache.close()


def _run(target: str, config: Config, opts: RunOptions, client: HttpClient, progress: Progress) -> Report:
    base_url = opts.base_url or config.site_url
    # The same site URL the identity is resolved with, so pages and identity read alike.
    region = brand_country(config, config.site_url or (target if is_url(target) else None))
    network = _network(config)
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
    except Interrupted:  # cut before the pages were gathered: an empty, incomplete report
        site = Site("live" if is_url(target) else "folder", normalize_base(base_url if not is_url(target) else target))
    finally:
        early_results = early.finish() if early is not None else {}
    with _records_frozen():
        try:
            return _compare(_Crawled(target, config, site, early_results), client, progress)
        finally:
            forget_title_claims()  # the claims kept for the brand rule hold every page read


@dataclass(frozen=True)
class _Crawled:
    """What the crawl leaves for the checks: the target, its settings, the site read, the links checked early."""

    target: str
    config: Config
    site: Site
    early_results: dict[str, Response]

    @property
    def site_url(self) -> str:
        return self.config.site_url or (self.target if is_url(self.target) else self.site.base)

    @property
    def network(self) -> bool:
        return _network(self.config)


def _network(config: Config) -> bool:
    """Whether the external links are checked over the network."""
    return not (config.check.offline or not config.check.external)


def _compare(crawled: _Crawled, client: HttpClient, progress: Progress) -> Report:
    target, config, site, site_url = crawled.target, crawled.config, crawled.site, crawled.site_url
    pages = tuple(site.pages)
    identity = Identity()
    profiles: tuple[Profile, ...] = ()
    findings: list[Finding] = []
    images: dict[str, ImageInfo] = {}
    try:
        identity, observed = resolve_identity(config, pages, site_url=config.site_url or (site.base if is_url(target) else None))
        site_ctx = SiteContext(config=config, pages=pages, identity=identity, site_url=site_url, site=site,
                               offline=config.check.offline, identity_sources=observed)
        profiles = check_channels(site_ctx, client, progress)
        # A channel's adapter already judged its URL, with more care than a status check.
        judged: set[str] = {p.url for p in profiles}
        link_results, external_ids = _check_links(site_ctx, client, progress, judged, crawled.early_results) \
            if crawled.network else ({}, {})
        # Avatars belong to the channel checks and preview images to the pages: downloaded
        # whenever channels are visited (not offline), even when external links are not checked.
        images = probe_images(*image_urls(pages, identity, profiles, site), site, client, not config.check.offline)
        if crawled.network:
            link_results |= _check_landings(site_ctx, profiles, client, link_results)
        ctx = Context.checked(site_ctx, profiles=profiles, link_results=link_results, images=images,
                              external_ids=external_ids)
        run_rules(ctx, client.cancel, into=findings)
    except Interrupted:
        pass  # a stop request a stage did not honour within its second: report what was done
    disarm_hard_stop()  # what follows builds the report: never cut
    findings = _filter(config, findings)
    profiles = settle_channels(profiles, findings)  # the fact rules ran after the adapters: the status is final only now
    progress.done()
    complete = not client.cancel.is_set() and not _past_deadline(client)
    notes = _run_notes(client, site, complete) + _image_notes(images) \
        + comparison_notes(pages, identity, profiles, site, images)
    return Report(target=target, findings=tuple(sorted(findings, key=Finding.sort_key)), channels=profiles,
                  identity=identity, pages=len(pages), links=sum(len(p.links) for p in pages), version=__version__,
                  complete=complete, config_path=config.path,
                  root=str(site.folder.root) if site.folder is not None else None, notes=notes,
                  thumbnails=_thumbnails(findings, images), site_url=None if site_url == LOCAL_BASE else site_url)


def _image_notes(images: dict[str, ImageInfo]) -> tuple[str, ...]:
    skipped = sorted(url for url, info in images.items() if info.skipped)
    if not skipped:
        return ()
    return (f"{len(skipped)} image{'s were' if len(skipped) != 1 else ' was'} not downloaded ({images[skipped[0]].skipped}): "
            "share-preview image sizes and the logo comparison with channel pictures were not checked for "
            f"{'them' if len(skipped) != 1 else 'it'}",)


def _thumbnails(findings: list[Finding], images: dict[str, ImageInfo]) -> tuple[tuple[str, str], ...]:
    """Small copies of the images a logo finding compares, for the HTML report (it loads nothing by URL)."""
    shown: dict[str, str] = {}
    for finding in findings:
        if finding.field != "logo":
            continue
        for url in (finding.expected, finding.actual):
            info = images.get(url or "")
            if info is not None and info.thumbnail:
                shown[info.url] = info.thumbnail
    return tuple(shown.items())


YOUNG_COLLECTION_EVERY = 50_000  # container allocations between young-generation collections


@contextmanager
def _records_frozen() -> Iterator[None]:
    """The pages read are hundreds of thousands of acyclic frozen records: the cyclic
    collector's full passes over them cost a tenth of a big run and can free nothing.
    Frozen, they are skipped; objects made later are collected as usual."""
    gc.freeze()
    # The rules make millions of short-lived acyclic objects (tuples, generators) and few cycles:
    # a young-generation pass every 700 of them was a tenth of the rules' time.
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], YOUNG_COLLECTION_EVERY), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
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
    urls = []
    for link_url in page.links.urls:
        url = without_fragment(link_url)
        host = host_of(url)
        if host and not same_host(host, start_host) and classify(url) is None \
                and not any(p.search(url) for p in patterns):
            urls.append(url)
    return urls


def _exclusions(config: Config) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in config.check.exclude] + list(suppressions(config).urls)


def _check_links(ctx: SiteContext, client: HttpClient, progress: Progress, judged: set[str],
                 early: dict[str, Response]) -> tuple[dict[str, Response], ExternalIds]:
    """Every external link's result, and the ids of the other sites' pages linked with a #fragment."""
    patterns = _exclusions(ctx.config)
    urls = sorted(u for u in external_urls(ctx)
                  if not any(p.search(u) for p in patterns) and not _judged_channel(u, judged))
    if ctx.site.folder is None:
        urls = [u for u in urls if ctx.site.exists(u) is None]
    progress.total("links", len(urls))
    results = {u: early[u] for u in urls if u in early}
    # Answers the crawl already has (a page that failed with a 5xx, a redirect) are kept even when
    # the run is stopped before the link checks start.
    for url in urls:
        known = results.get(url) or client.answered(url)
        if known is not None:
            results[url] = known
    progress.step("links", len(results))
    # A link to another site's #fragment needs the page itself, read once per page.
    wanted = fragment_pages(ctx) & set(urls)
    ids: ExternalIds = {}

    def check(url: str) -> Response:
        if url not in wanted:
            return client.check(url)
        response = client.get(url)
        if response.ok and ("html" in response.content_type or not response.content_type):
            ids[url] = fragment_targets(response.body, _charset(response))
        return replace(response, body=b"")

    for url, result in client.map(check, [u for u in urls if u not in results or u in wanted]):
        if url not in results:
            progress.step("links")
        results[url] = result
    return results, ids


def _check_landings(ctx: SiteContext, profiles: tuple[Profile, ...], client: HttpClient,
                    known: dict[str, Response]) -> dict[str, Response]:
    """The channels' tagged links back, followed live: whether their redirects keep the tags
    is only known by asking (the link checker never sees them, they are not on the site)."""
    patterns = _exclusions(ctx.config)
    urls = [u for u in landing_urls(profiles, ctx.site_url) if u not in known and not any(p.search(u) for p in patterns)]
    return dict(client.map(client.check, urls))


def _charset(response: Response) -> str | None:
    match = re.search(r"charset=([\w.:-]+)", response.headers.get("content-type", ""), re.I)
    return match.group(1) if match else None


def _judged_channel(url: str, judged: set[str]) -> bool:
    ref = classify(url)
    return ref is not None and ref.url in judged


def _filter(config: Config, findings: list[Finding]) -> list[Finding]:
    hidden = suppressions(config)
    kept = []
    for finding in findings:
        if hidden.hides(finding):
            continue
        severity = config.severity.get(finding.rule)
        if severity == "off":
            continue
        kept.append(replace(finding, severity=severity) if severity else finding)
    return kept
