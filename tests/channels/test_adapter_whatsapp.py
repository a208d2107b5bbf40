"""WhatsApp: the number in the link against the declared one, with no network."""
from __future__ import annotations

from dataclasses import replace

import responses
from channel_kit import KOPI_SENJA

from omnilinks.channels import classify
from omnilinks.channels.whatsapp import ADAPTER as WHATSAPP


def test_declared_number_is_verified_offline_too(actx) -> None:
    with responses.RequestsMock() as mock:
        profile = WHATSAPP.fetch(classify("https://wa.me/6281234567890"), actx(offline=True))
        assert len(mock.calls) == 0
    assert (profile.status, profile.phone, profile.links_back) == ("verified", "+6281234567890", None)


def test_another_number_is_a_mismatch_with_the_link_to_use(actx) -> None:
    profile = WHATSAPP.fetch(classify("https://wa.me/6281299998888"), actx())
    assert profile.status == "mismatch"
    assert "0812-9999-8888" in profile.reason and "0812-3456-7890" in profile.reason
    assert profile.fix == "Link https://wa.me/6281234567890."


def test_phone_stands_in_when_no_whatsapp_is_declared(actx) -> None:
    identity = replace(KOPI_SENJA, whatsapp=None, phone="+6281234567890")
    assert WHATSAPP.fetch(classify("https://wa.me/6281234567890"), actx(identity=identity)).status == "verified"


def test_nothing_declared_is_unverifiable(actx) -> None:
    identity = replace(KOPI_SENJA, whatsapp=None, phone=None)
    profile = WHATSAPP.fetch(classify("https://wa.me/6281234567890"), actx(identity=identity))
    assert profile.status == "unverifiable" and "brand.whatsapp" in profile.fix


def test_qr_message_links_hide_the_number(actx) -> None:
    profile = WHATSAPP.fetch(classify("https://wa.me/message/ABCDEF123"), actx())
    assert profile.status == "unverifiable" and "https://wa.me/6281234567890" in profile.fix
