"""Examples are not facts: contacts inside <pre>, <code>, <kbd>, <samp> and
<textarea> are samples (a docs snippet, a form placeholder), never the brand's."""
from __future__ import annotations

import json

import pytest
from identity_helpers import FIXTURES, mine

import omnilinks
from omnilinks.cli import main
from omnilinks.extract.html import parse_page

SAMPLES = [  # (what is written, the field it would give outside a sample)
    ("phone: +1 202-555-1212", "phone"),                          # US
    ("Tel: +44 20 7946 0018", "phone"),                           # UK
    ("phone: (02) 5550 1234", "phone"),                           # Australia (in region AU)
    ("Telefon: +49 30 901820", "phone"),                          # Germany
    ("telepon: 0812-3456-7890", "phone"),                         # Indonesia
    ("Téléphone : +33 1 42 68 53 00", "phone"),                   # France
    ("email: hello@example.com", "email"),
    ("courriel : contact@exemple.fr", "email"),
    ("Opening hours: Mo-Fr 07:00-18:00", "hours"),
]


def fields(body: str, region: str) -> set[str]:
    page = parse_page(f"<html><body>{body}</body></html>", "https://docs.example/", path="index.html", region=region)
    return {f.field for f in page.facts}


@pytest.mark.parametrize("tag", ["pre", "code", "kbd", "samp", "textarea"])
@pytest.mark.parametrize("text, field", SAMPLES)
def test_a_contact_in_a_sample_is_not_a_fact(tag: str, text: str, field: str) -> None:
    region = "AU" if "(02)" in text else "ID" if "0812" in text else "US"
    assert field in fields(f"<footer><p>{text}</p></footer>", region)  # the same words outside a sample count
    assert field not in fields(f"<footer><p>Example: <{tag}>{text}</{tag}></p></footer>", region)
    assert field not in fields(f"<footer><pre><code class=\"language-yaml\">{text}\n</code></pre></footer>", region)


@pytest.mark.parametrize("address", [
    "Jl. Kemang Raya No. 10, Jakarta Selatan 12730",      # Indonesia
    "Jalan Bukit Bintang 123, 55100 Kuala Lumpur",        # Malaysia
    "Avenue Louise 54, 1050 Bruxelles",                   # Belgium
])
def test_an_address_block_or_footer_address_in_a_sample_is_not_a_fact(address: str) -> None:
    assert "address" in fields(f"<footer><p>Address: {address}</p></footer>", "US")
    assert "address" not in fields(f"<footer><p>Address: <code>{address}</code></p></footer>", "US")
    assert "address" not in fields(f"<pre><address>{address}</address></pre>", "US")
    assert "address" not in fields(f"<address><code>{address}</code></address>", "US")


def test_text_beside_a_sample_still_counts() -> None:
    body = ("<footer><p>Call us: +1 415-555-0100 <code>phone = \"+1 202-555-1212\"</code></p>"
            "<address>Jl. Kemang Raya No. 10, Jakarta 12730 <code>Suite 400</code></address></footer>")
    page = parse_page(f"<html><body>{body}</body></html>", "https://bakery.example/", path="i.html", region="US")
    values = {(f.field, str(f.value)) for f in page.facts}
    assert ("phone", "+1 415-555-0100") in values
    after = parse_page("<html><body><footer><p><code>tel = 1</code> Phone: +1 415-555-0100</p></footer></body></html>",
                       "https://bakery.example/", path="i.html", region="US")
    assert [f.value for f in after.facts if f.field == "phone"] == ["+1 415-555-0100"]  # the tail of a <code>
    assert not any("202" in v or "Suite" in v for _, v in values)
    assert ("address", "Jl. Kemang Raya No. 10, Jakarta 12730") in values


def test_documentation_site_without_a_brand_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    site = FIXTURES / "tidewater-docs-en"
    assert not (site / "omnilinks.yml").exists()  # no brand declared: every reference would be inferred
    with pytest.raises(SystemExit) as caught:
        main(["check", str(site), "--offline", "--no-progress", "--no-cache", "--format", "json"])
    assert caught.value.code == 0
    report = json.loads(capsys.readouterr().out)
    assert [f for f in report["findings"] if f["rule"].startswith(("nap-", "schema-", "brand-"))] == []
    identity = omnilinks.check(str(site), offline=True, use_cache=False).identity
    # The theme's own address in the footer is still read; none of the samples is.
    assert identity.email == "themes@tidewater-hugo.dev"
    assert identity.phone is None and identity.address is None and identity.hours is None
    assert mine(omnilinks.check(str(site), offline=True, use_cache=False).findings) == []


def test_a_contact_link_inside_a_sample_is_not_a_fact() -> None:
    body = ('<footer><a href="mailto:orders@bakery.example">Write to us</a></footer>'
            '<pre><code>&lt;a href="..."&gt; renders as <a href="mailto:you@example.com">you@example.com</a> '
            'and <a href="tel:+442079460018">call</a> or <a href="https://wa.me/6281234567890">chat</a></code></pre>')
    page = parse_page(f"<html><body>{body}</body></html>", "https://bakery.example/", path="i.html", region="GB")
    assert [(f.field, f.value) for f in page.facts if f.field in ("email", "phone", "whatsapp")] == [
        ("email", "orders@bakery.example")]
    assert len(page.links) == 4  # still links: checked like any other
