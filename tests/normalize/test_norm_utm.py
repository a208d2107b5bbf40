from __future__ import annotations

from omnilinks.normalize.utm import utm_tags, with_tags, without_tags


def test_tags_are_read_by_lower_case_name_first_value_wins() -> None:
    assert utm_tags("https://a.mx/?UTM_Source=IG&utm_source=x&utm_medium=social&q=1") == \
        {"utm_source": "IG", "utm_medium": "social"}
    assert utm_tags("https://a.mx/") == {}
    assert utm_tags("http://[bad") == {}


def test_with_tags_replaces_in_place_and_appends_the_rest() -> None:
    assert with_tags("https://a.mx", {"utm_source": "tiktok", "utm_medium": "social"}) == \
        "https://a.mx/?utm_source=tiktok&utm_medium=social"
    assert with_tags("https://a.com.br/loja?id=7&utm_medium=Social#top", {"utm_source": "instagram", "utm_medium": "social"}) \
        == "https://a.com.br/loja?id=7&utm_medium=social&utm_source=instagram#top"
    assert with_tags("https://a.de/?utm_campaign=Herbst%20Angebot", {"utm_campaign": "herbst angebot"}) == \
        "https://a.de/?utm_campaign=herbst%20angebot"


def test_without_tags_keeps_the_link_as_written() -> None:
    assert without_tags("/menu/?utm_source=home&utm_medium=banner") == "/menu/"
    assert without_tags("menu.html?lang=ja&utm_source=top#a") == "menu.html?lang=ja#a"
    assert without_tags("https://a.jp/?x=1") == "https://a.jp/?x=1"
