"""A platform's other sites hold no one's account: found on Hugo's documentation, where
developer.x.com/en/docs/… was read as the X account "en"."""
from __future__ import annotations

import pytest

from omnilinks.channels import classify


@pytest.mark.parametrize("url", [
    "https://developer.x.com/en/docs/twitter-for-websites/cards/overview/abouts-cards",
    "https://developer.twitter.com/en/portal/dashboard",
    "https://help.x.com/en/using-x",
    "https://help.instagram.com/581066165581870",
    "https://about.instagram.com/blog",
    "https://developers.facebook.com/docs/sharing/webmasters",
])
def test_documentation_hosts_are_not_accounts(url: str) -> None:
    ref = classify(url)
    assert ref is None or ref.platform not in ("x", "instagram", "facebook")


@pytest.mark.parametrize(("url", "platform", "handle"), [
    ("https://x.com/kopisenja", "x", "kopisenja"),
    ("https://mobile.twitter.com/kopisenja", "x", "kopisenja"),
    ("https://www.instagram.com/kopisenja/", "instagram", "kopisenja"),
    ("https://m.facebook.com/kopisenja", "facebook", "kopisenja"),
    ("https://web.facebook.com/kopisenja", "facebook", "kopisenja"),
])
def test_the_platforms_own_hosts_still_are(url: str, platform: str, handle: str) -> None:
    ref = classify(url)
    assert ref is not None and (ref.platform, ref.handle) == (platform, handle)
