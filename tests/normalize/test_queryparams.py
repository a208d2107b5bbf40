"""One list of the query parameters that name nothing: the crawl and the channels drop the same trackers."""
from __future__ import annotations

from omnilinks.channels.urls import without_tracking
from omnilinks.discover.live import canonical


def test_a_ga4_campaign_tag_is_the_same_page_to_the_crawl_as_to_the_channels() -> None:
    # utm_source_platform, utm_creative_format: GA4 tags with an underscore in the name. The crawl's
    # own list (utm_[a-z]+) kept them, so a tagged link to the site was crawled as a second page.
    tagged = "https://kopisenja.id/promo?utm_source_platform=ig&utm_creative_format=story&utm_source=instagram"
    assert canonical(tagged) == canonical("https://kopisenja.id/promo") == "https://kopisenja.id/promo"
    assert without_tracking(tagged) == "https://kopisenja.id/promo"


def test_each_form_drops_only_what_names_nothing_there() -> None:
    # On the site a search (?s=) and a language (?lang=) are other pages; a session id is not.
    assert canonical("https://kopisenja.id/?s=kopi&lang=en&PHPSESSID=1&fbclid=x") == "https://kopisenja.id/?s=kopi&lang=en"
    # On a platform they open the same account; a session-looking parameter is left to the platform.
    assert without_tracking("https://www.instagram.com/kopisenja/?hl=id&igsh=abc&utm_medium=social") == \
        "https://www.instagram.com/kopisenja"
    assert without_tracking("https://shop.example/p?sid=4&gclid=1") == "https://shop.example/p?sid=4"
