"""Fuzz the parsers and normalisers: no crash, no hang, on anything.

CI runs a few dozen examples per target (a few seconds in all). For a long run:

    OMNILINKS_FUZZ_EXAMPLES=100000 python -m pytest tests/hostile/test_fuzz.py -q

Each example must finish within OMNILINKS_FUZZ_SECONDS (default 5) or the test fails as a hang.
"""
from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omnilinks.config import Config, load_config
from omnilinks.discover.live import canonical, in_crawl_scope, looks_like_trap
from omnilinks.errors import ConfigError
from omnilinks.extract.html import decode_html, parse_page
from omnilinks.fetch.errors import translate_error
from omnilinks.fetch.guard import address_allowed
from omnilinks.fetch.hosts import retry_after
from omnilinks.normalize import address, email, hours, name, phone

EXAMPLES = int(os.environ.get("OMNILINKS_FUZZ_EXAMPLES", "40"))
SECONDS = float(os.environ.get("OMNILINKS_FUZZ_SECONDS", "5"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


@contextmanager
def no_hang(seconds: float = SECONDS) -> Iterator[None]:
    """Fail an example that runs longer than `seconds` (a hang), POSIX only."""
    if sys.platform == "win32" or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(*_: Any) -> None:
        raise TimeoutError(f"example ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


TAGS = ["a", "img", "script", "link", "meta", "base", "div", "p", "title", "header", "footer", "nav", "iframe",
        "area", "address", "time", "span", "table", "svg", "template", "noscript", "html", "head", "body"]
ATTRS = ["href", "src", "rel", "id", "name", "itemprop", "itemscope", "itemtype", "content", "charset", "type",
         "property", "class", "datetime", "srcset", "http-equiv"]
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["/a", "#top", "tel:+62 21 555", "mailto:x@y.id", "https://wa.me/62812", "http://[::1",
                     "https://x.id:99999/", "javascript:x", "//cdn.x/y", "../../..", "application/ld+json",
                     "utf-8", "shift_jis", "undefined", "telephone", "https://schema.org/Cafe", "stylesheet icon"]),
)
ELEMENT = st.builds(
    lambda tag, attrs, text, close: f"<{tag}" + "".join(f' {k}="{v}"' for k, v in attrs) + f">{text}"
    + (f"</{tag}>" if close else ""),
    st.sampled_from(TAGS), st.lists(st.tuples(st.sampled_from(ATTRS), VALUES), max_size=4),
    st.text(max_size=60), st.booleans())
JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                           st.sampled_from(["@type", "@graph", "@id", "name", "telephone", "address", "email",
                                            "openingHours", "sameAs", "url", "logo", "streetAddress"]) | st.text(max_size=8),
                           inner, max_size=5), max_leaves=20)
HTMLISH = st.lists(st.one_of(ELEMENT, st.text(max_size=30), JSONISH.map(
    lambda data: f'<script type="application/ld+json">{__import__("json").dumps(data)}</script>')), max_size=30).map("".join)


@FUZZ
@given(body=st.binary(max_size=4096), charset=st.none() | st.text(max_size=12))
def test_parse_page_on_random_bytes(body: bytes, charset: str | None) -> None:
    with no_hang():
        page = parse_page(body, "http://127.0.0.1/dir/p.html", charset=charset)
        decode_html(body, charset)
    assert page.url == "http://127.0.0.1/dir/p.html"


@FUZZ
@given(source=HTMLISH, encoding=st.sampled_from(["utf-8", "cp1252", "shift_jis", "iso-8859-2", "utf-16"]))
def test_parse_page_on_html_ish_text(source: str, encoding: str) -> None:
    with no_hang():
        body = source.encode(encoding, "replace")
        page = parse_page(body, "https://kopi.id/", path="site/index.html")
        parse_page(source, "https://kopi.id/")
    for link in page.links:
        assert link.location.path == "site/index.html"


YAML_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=15),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["site", "url", "brand", "name", "phone", "channels", "check",
                                                "timeout", "ignore", "severity", "hours", "facts", "place_id",
                                                "aliases", "exclude", "deadline"]) | st.text(max_size=6),
                               inner, max_size=5), max_leaves=25)


def _config_result(path: Path) -> Config | ConfigError:
    try:
        return load_config(path)
    except ConfigError as exc:
        return exc


@FUZZ
@given(data=YAML_VALUES)
def test_load_config_on_random_structures(tmp_path_factory: pytest.TempPathFactory, data: Any) -> None:
    path = tmp_path_factory.mktemp("cfg") / "omnilinks.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with no_hang():
        result = _config_result(path)
    assert isinstance(result, (Config, ConfigError))
    if isinstance(result, ConfigError):
        assert "omnilinks.yml" in str(result)


@FUZZ
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_load_config_on_random_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("cfg") / "omnilinks.yml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with no_hang():
        assert isinstance(_config_result(path), (Config, ConfigError))


NORMALISERS: list[Callable[[str], Any]] = [
    phone.normalize_phone, lambda t: phone.normalize_phone(t, "US"), phone.find_phones, phone.has_country_code,
    phone.is_whatsapp_url, phone.whatsapp_target, email.normalize_email, email.find_emails, name.name_tokens,
    lambda t: name.names_match(t, t[::-1]), lambda t: name.names_match(t, "Kopi Senja", "relaxed"),
    name.strip_title_suffix, address.parse_address, lambda t: address.addresses_match(t, "Jl. Kemang Raya No. 10"),
    lambda t: address.compare_addresses(t, t.upper()), hours.parse_hours,
    lambda t: hours.parse_hours([t, t]), canonical, looks_like_trap, lambda t: in_crawl_scope(t, "kopi.id:8000"),
    retry_after,
]
TEXTY = st.one_of(st.text(max_size=200), st.from_regex(
    r"(\+?62|0)[ \-.()0-9]{0,20}|[a-z.]{0,10}@[a-z.]{0,10}|(Mo|Tu|We|Th|Fr|Sa|Su)[-, a-zA-Z:0-9]{0,40}"
    r"|Jl\.? [A-Za-z .,0-9]{0,60}|https?://[a-z0-9.:\[\]@%/?#=&;-]{0,60}", fullmatch=True))


@FUZZ
@given(text=TEXTY, which=st.integers(min_value=0, max_value=len(NORMALISERS) - 1))
def test_normalisers_never_crash_or_hang(text: str, which: int) -> None:
    with no_hang():
        try:
            NORMALISERS[which](text)
        except ValueError as exc:
            # urlsplit's own refusal of a malformed URL is the only exception a caller must expect.
            assert "URL" in str(exc) or "port" in str(exc), exc


@FUZZ
@given(packed=st.integers(min_value=0, max_value=2**128 - 1), v4=st.booleans(), private=st.booleans())
def test_address_policy_on_any_address(packed: int, v4: bool, private: bool) -> None:
    import ipaddress

    ip = ipaddress.IPv4Address(packed % 2**32) if v4 else ipaddress.IPv6Address(packed)
    allowed = address_allowed(str(ip), private)
    if allowed and not private:
        assert not (ip.is_private or ip.is_loopback or ip.is_link_local)


@FUZZ
@given(message=st.text(max_size=80))
def test_translate_error_names_every_exception(message: str) -> None:
    for exc in (OSError(message), ValueError(message), RuntimeError(ConnectionResetError(message))):
        kind, detail = translate_error(exc)
        assert kind and isinstance(detail, str) and len(detail) <= 200
