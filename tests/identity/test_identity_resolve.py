"""Resolving the identity: declared facts win, otherwise the value most pages state."""
from __future__ import annotations

import pytest

from omnilinks.channels.profiles import profile_ref
from omnilinks.config import Config
from omnilinks.errors import ConfigError
from omnilinks.extract.html import parse_page
from omnilinks.identity.resolve import resolve_identity
from omnilinks.identity.titles import title_claims
from omnilinks.normalize.facts import fact_key


def pages(*bodies: str, titles: tuple[str, ...] = ()) -> list:
    out = []
    for index, body in enumerate(bodies):
        title = titles[index] if index < len(titles) else "Halaman"
        html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
        out.append(parse_page(html, f"https://kopisenja.id/p{index}.html", path=f"p{index}.html"))
    return out


def test_declared_facts_win_and_are_normalised() -> None:
    config = Config(brand={"name": "Kopi Senja", "phone": "0812-3456-7890", "email": "Halo@KopiSenja.id",
                           "hours": "Senin–Minggu 08.00–22.00"})
    identity, _ = resolve_identity(config, pages("<p>Telp (021) 555-0123</p>"), None)
    assert (identity.phone, identity.email, identity.hours) == ("+6281234567890", "halo@kopisenja.id", "Mo-Su 08:00-22:00")
    assert identity.inferred == ()
    assert identity.whatsapp is None  # the declared phone is the WhatsApp reference


def test_majority_of_pages_is_the_inferred_reference() -> None:
    site = pages("<p>Telp (021) 555-0123</p>", "<p>Telp +62 21 5550123</p>", "<p>Telp (021) 555-0999</p>")
    identity, observed = resolve_identity(Config(), site, None)
    assert identity.phone == "+62215550123" and "phone" in identity.inferred
    assert len(observed["phone"]) == 3


def test_tie_goes_to_structured_data() -> None:
    ld = '<script type="application/ld+json">{"@type": "Store", "telephone": "+62 21 5550999"}</script>'
    identity, _ = resolve_identity(Config(), pages("<p>Telp (021) 555-0123</p>" + ld), None)
    assert identity.phone == "+62215550999"


def test_address_variants_vote_together() -> None:
    site = pages("<address>Jl. Kemang Raya No. 10, Jakarta 12730</address>",
                 "<address>Jalan Kemang Raya Nomor 10, Jakarta 12730</address>",
                 "<address>Jl. Kemang Raya No. 12, Jakarta 12730</address>")
    identity, _ = resolve_identity(Config(), site, None)
    assert identity.address == "Jl. Kemang Raya No. 10, Jakarta 12730"


def test_name_from_the_title_template_when_nothing_else_names_the_brand() -> None:
    site = pages("<p>a</p>", "<p>b</p>", titles=("Menu | Kopi Senja", "Kontak | Kopi Senja"))
    identity, _ = resolve_identity(Config(), site, None)
    assert identity.name == "Kopi Senja" and "name" in identity.inferred


def test_title_claims_find_prefix_templates_and_skip_section_words() -> None:
    site = pages("<p>a</p>", "<p>b</p>", "<p>c</p>", "<p>d</p>",
                 titles=("Kopi Senja | Menu", "Kopi Senja | Kontak", "Resep A | Blog", "Resep B | Blog"))
    claimed = [c.claimed for c in title_claims(site)]
    assert claimed == ["Kopi Senja", "Kopi Senja", None, None]


def test_unreadable_declared_phone_is_a_config_error() -> None:
    config = Config(path="omnilinks.yml", brand={"phone": "call us"}, brand_lines={"phone": 4})
    with pytest.raises(ConfigError, match=r"omnilinks.yml:4: brand.phone: cannot read"):
        resolve_identity(config, [], None)


def test_fact_keys() -> None:
    assert fact_key("whatsapp", "https://wa.me/6281234567890", "ID") == fact_key("whatsapp", "0812 3456 7890", "ID")
    assert fact_key("name", "PT Kopi Senja", "ID") == fact_key("name", "kopi-senja", "ID")
    assert fact_key("hours", "Mo-Fr 08:00-17:00", "ID") == fact_key("hours", "Senin–Jumat 08.00–17.00", "ID")


@pytest.mark.parametrize(("url", "platform"), [
    ("https://www.instagram.com/kopisenja/", "instagram"),
    ("https://www.tiktok.com/@kopisenja", "tiktok"),
    ("https://www.youtube.com/@kopisenja", "youtube"),
    ("https://www.linkedin.com/company/kopi-senja/", "linkedin"),
    ("https://www.tokopedia.com/kopisenja", "tokopedia"),
    ("https://x.com/kopisenja", "x"),
])
def test_profiles_are_recognised(url: str, platform: str) -> None:
    ref = profile_ref(url)
    assert ref is not None and ref.platform in (platform, "twitter")


@pytest.mark.parametrize("url", [
    "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fkopisenja.id",
    "https://twitter.com/intent/tweet?text=hi",
    "https://x.com/intent/post?text=hi",
    "https://www.instagram.com/direct/inbox/",
    "https://www.linkedin.com/shareArticle?url=x",
    "https://wa.me/?text=Halo",
    "https://www.instagram.com/p/Cabc123/",
    "https://www.youtube.com/watch?v=abc",
])
def test_share_links_and_posts_are_not_profiles(url: str) -> None:
    ref = profile_ref(url)
    assert ref is None or ref.kind not in ("profile", "store")


def test_a_run_keeps_no_title_claims_and_so_none_of_its_pages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The claims identity and the brand rule share are dropped when the run ends: an agency's
    audit of many sites would otherwise hold each site's pages into the next one's run."""
    import omnilinks
    from omnilinks.identity import titles

    for name in ("index.html", "menu.html"):
        (tmp_path / name).write_text(f"<!doctype html><title>{name} | Kopi Senja</title><p>x</p>", encoding="utf-8")
    report = omnilinks.check(str(tmp_path), offline=True, use_cache=False)
    assert report.identity.name == "Kopi Senja"  # the titles were read for the brand
    assert titles._last_claims is None
