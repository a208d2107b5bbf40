"""`omnilinks init [TARGET]`: write a starting omnilinks.yml from what the site says."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import click
import yaml

from omnilinks.channels.profiles import site_profiles
from omnilinks.cli import register
from omnilinks.config import Config
from omnilinks.discover import Site, discover, is_url
from omnilinks.discover.folder import normalize_base
from omnilinks.identity.resolve import resolve_identity
from omnilinks.models import Identity
from omnilinks.normalize.phone import international_phone
from omnilinks.pipeline import RunOptions, make_client
from omnilinks.report.base import write_atomic
from omnilinks.vocabulary import DEFAULT_REGION, ChannelKind

CHANNEL_KINDS: tuple[ChannelKind, ...] = ("profile", "store", "listing")


@click.command("init")
@click.argument("target", default=".")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="File to write [default: omnilinks.yml in the working directory].")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--base-url", help="Public URL of the site in the folder.")
@click.option("--country", default=DEFAULT_REGION, show_default=True, help="ISO 3166 region for phone numbers.")
@click.option("--max-pages", type=click.IntRange(min=1), default=500, show_default=True,
              help="Pages a live crawl reads at most.")
@click.option("--allow-private", is_flag=True, help="Allow private and loopback addresses (a local preview).")
def init(target: str, output: str | None, force: bool, base_url: str | None, country: str, max_pages: int,
         allow_private: bool) -> None:
    """Write a starting omnilinks.yml from the brand facts and profile links TARGET states."""
    path = Path(output) if output else Path.cwd() / "omnilinks.yml"
    if path.exists() and not force:
        click.echo(f"omnilinks: error: {path}: already exists; use --force to overwrite it", err=True)
        raise SystemExit(2)
    region = country.upper()
    config = Config(brand={"country": region}).with_check(allow_private=allow_private, use_cache=False,
                                                          max_pages=max_pages)
    client = make_client(config, RunOptions(use_cache=False), threading.Event())
    try:
        site = discover(target, client, base_url, None, max_pages, config.check.max_depth, region)
    finally:
        client.close()
    known_url = base_url or (normalize_base(target) if is_url(target) else None)
    identity, _ = resolve_identity(config, site.pages, site_url=known_url)
    text = render_config(identity, site, channels_of(site), target)
    write_atomic(path, text)
    facts = [f for f in ("name", "phone", "whatsapp", "email", "address", "hours") if getattr(identity, f)]
    click.echo(f"omnilinks: wrote {path} from {len(site.pages)} pages: {', '.join(facts) or 'no brand facts'}; "
               f"{len(channels_of(site))} channels. Check each value, then run omnilinks check.", err=True)


def channels_of(site: Site) -> list[str]:
    """Profile links the site shows in its header, footer or nav (and rel=me, sameAs);
    every profile link when none sits there (a one-page site)."""
    facts = [str(f.value) for p in site.pages for f in p.facts if f.field == "profile"]
    nav = [link.url for p in site.pages for link in p.links if link.in_nav or "me" in link.rel]
    found = site_profiles(nav + facts, CHANNEL_KINDS)
    if not found:
        found = site_profiles([link.url for p in site.pages for link in p.links] + facts, CHANNEL_KINDS)
    return [ref.url for ref in found.values()]


def render_config(identity: Identity, site: Site, channels: list[str], target: str) -> str:
    data: dict[str, Any] = {}
    site_url = identity.website if identity.website and identity.website.startswith(("http://", "https://")) else None
    if site_url:
        data["site"] = {"url": site_url}
    brand: dict[str, Any] = {}
    if identity.name:
        brand["name"] = identity.name
    brand["country"] = identity.country
    for field in ("phone", "whatsapp"):
        value = getattr(identity, field)
        if value and not (field == "whatsapp" and value == identity.phone):
            brand[field] = international_phone(value)
    for field in ("email", "address", "hours", "logo"):
        if getattr(identity, field):
            brand[field] = getattr(identity, field)
    data["brand"] = brand
    if channels:
        data["channels"] = channels
    header = [
        f"# omnilinks.yml written by `omnilinks init` from {target} ({len(site.pages)} pages).",
        "# Every value below is what most pages say; check each one, because omnilinks",
        "# compares every page and channel with them. Reference: README, section omnilinks.yml.",
    ]
    if not site_url:
        header.append("# Add the site's public address:  site: {url: https://example.com}")
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    return "\n".join(header) + "\n" + body


register(init)
