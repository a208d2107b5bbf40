"""Where each platform's page keeps the account's picture (modelled on real
logged-out captures: TikTok's avatarLarger, YouTube's channelMetadataRenderer
avatar, og:image on Instagram, LinkedIn and shop pages) and that a login
page's og:image — the platform's own logo — is never taken for it."""
from __future__ import annotations

import json

import responses

from omnilinks.channels import classify
from omnilinks.channels.facebook import ADAPTER as FACEBOOK
from omnilinks.channels.instagram import ADAPTER as INSTAGRAM
from omnilinks.channels.linkedin import ADAPTER as LINKEDIN
from omnilinks.channels.tiktok import ADAPTER as TIKTOK
from omnilinks.channels.tokopedia import ADAPTER as TOKOPEDIA
from omnilinks.channels.youtube import ADAPTER as YOUTUBE

HTML = "text/html; charset=utf-8"


def _fetch(adapter, url: str, ctx, body: bytes | str):  # type: ignore[no-untyped-def]
    ref = classify(url)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.GET, ref.url, body=body, content_type=HTML)
        return adapter.fetch(ref, ctx)


def _tiktok(user: dict) -> str:
    data = {"__DEFAULT_SCOPE__": {"webapp.user-detail": {"userInfo": {"user": user}, "statusCode": 0}}}
    text = json.dumps(data).replace("/", "\\u002F")  # as TikTok writes it
    return f'<html><body><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{text}</script></body></html>'


def test_tiktok_takes_the_largest_avatar(actx) -> None:
    user = {"uniqueId": "kopisenja", "nickname": "Kopi Senja", "bioLink": {"link": "kopisenja.id"},
            "avatarThumb": "https://p16-sign-sg.tiktokcdn.com/avt/a~c5_100x100.jpeg?x=1",
            "avatarMedium": "https://p16-sign-sg.tiktokcdn.com/avt/a~c5_720x720.jpeg?x=1",
            "avatarLarger": "https://p16-sign-sg.tiktokcdn.com/avt/a~c5_1080x1080.jpeg?x=1&y=2"}
    profile = _fetch(TIKTOK, "https://www.tiktok.com/@kopisenja", actx(), _tiktok(user))
    assert profile.avatar == "https://p16-sign-sg.tiktokcdn.com/avt/a~c5_1080x1080.jpeg?x=1&y=2"
    del user["avatarLarger"]
    profile = _fetch(TIKTOK, "https://www.tiktok.com/@kopisenja", actx(), _tiktok(user))
    assert profile.avatar.endswith("720x720.jpeg?x=1")


def test_tiktok_without_a_picture_has_no_avatar(actx) -> None:
    user = {"uniqueId": "kopisenja", "nickname": "Kopi Senja", "avatarLarger": "", "bioLink": {"link": "kopisenja.id"}}
    assert _fetch(TIKTOK, "https://www.tiktok.com/@kopisenja", actx(), _tiktok(user)).avatar is None


def _youtube(meta: dict) -> str:
    data = {"metadata": {"channelMetadataRenderer": {"title": "Kopi Senja", **meta}}}
    return f"<html><body><script>var ytInitialData = {json.dumps(data)};</script></body></html>"


def test_youtube_takes_the_largest_channel_picture(actx) -> None:
    sizes = [(48, "s48"), (900, "s900"), (176, "s176")]
    meta = {"avatar": {"thumbnails": [{"url": f"https://yt3.googleusercontent.com/abc={s}-c-k", "width": w, "height": w}
                                      for w, s in sizes]}}
    profile = _fetch(YOUTUBE, "https://www.youtube.com/@kopisenja", actx(), _youtube(meta))
    assert profile.avatar == "https://yt3.googleusercontent.com/abc=s900-c-k"
    assert _fetch(YOUTUBE, "https://www.youtube.com/@kopisenja", actx(), _youtube({})).avatar is None


INSTAGRAM_PROFILE = """<html><head>
<meta property="og:image" content="https://scontent-cgk1-1.cdninstagram.com/v/t51.2885-19/123_n.jpg?stp=dst-jpg_s150x150&amp;_nc_ht=x" />
<meta property="og:title" content="Kopi Senja (&#064;kopisenja) &#x2022; Instagram photos and videos" />
</head><body></body></html>"""


def test_instagram_takes_og_image_when_the_page_shows_the_account(actx) -> None:
    profile = _fetch(INSTAGRAM, "https://www.instagram.com/kopisenja/", actx(), INSTAGRAM_PROFILE)
    assert profile.name == "Kopi Senja"
    assert profile.avatar == "https://scontent-cgk1-1.cdninstagram.com/v/t51.2885-19/123_n.jpg?stp=dst-jpg_s150x150&_nc_ht=x"


def test_a_login_page_image_is_the_platforms_logo_not_the_account(actx, platform_page) -> None:
    login = """<html><head><title>Facebook</title>
    <meta property="og:image" content="https://www.facebook.com/images/fb_icon_325x325.png"></head></html>"""
    assert _fetch(FACEBOOK, "https://www.facebook.com/kopisenja", actx(), login).avatar is None
    ig_login = b"<html><head><title>Login \xe2\x80\xa2 Instagram</title>" \
               b'<meta property="og:image" content="https://static.cdninstagram.com/rsrc.php/v3/yx/r/logo.png"></head></html>'
    assert _fetch(INSTAGRAM, "https://www.instagram.com/kopisenja/", actx(), ig_login).avatar is None


def test_linkedin_takes_the_company_logo(actx, platform_page) -> None:
    page = platform_page("linkedin/company.html").replace(
        b"</head>", b'<meta property="og:image" content="https://media.licdn.com/dms/image/v2/C4E0/company-logo_200_200/0/1?e=1&amp;v=beta">\n</head>', 1)
    profile = _fetch(LINKEDIN, "https://www.linkedin.com/company/kopi-senja/", actx(), page)
    assert profile.avatar == "https://media.licdn.com/dms/image/v2/C4E0/company-logo_200_200/0/1?e=1&v=beta"


def test_a_shop_picture_prefers_the_store_entitys_logo(actx, platform_page) -> None:
    page = platform_page("tokopedia/shop.html").replace(
        b"</head>", b'<meta property="og:image" content="https://images.tokopedia.net/img/seller_no_logo.png">\n</head>', 1)
    profile = _fetch(TOKOPEDIA, "https://www.tokopedia.com/kopisenja", actx(), page)
    assert profile.avatar == "https://images.tokopedia.net/img/seller_no_logo.png"
    store = b'<script type="application/ld+json">{"@type": "Store", "name": "Kopi Senja Official", ' \
            b'"logo": "https://images.tokopedia.net/img/cache/215-square/shops-1/kopisenja.jpg"}</script></head>'
    profile = _fetch(TOKOPEDIA, "https://www.tokopedia.com/kopisenja", actx(), page.replace(b"</head>", store, 1))
    assert profile.avatar == "https://images.tokopedia.net/img/cache/215-square/shops-1/kopisenja.jpg"


def test_mastodon_takes_the_still_avatar_but_not_the_servers_default(actx, platform_page) -> None:
    from omnilinks.channels.mastodon import ADAPTER as MASTODON

    account = json.loads(platform_page("mastodon/account.json"))
    ref = MASTODON.parse("https://social.kopi.example/@kopisenja", declared=True)
    for fields, expected in (
        ({"avatar": "https://files.kopi.example/accounts/avatars/1/original/a.gif",
          "avatar_static": "https://files.kopi.example/accounts/avatars/1/static/a.png"},
         "https://files.kopi.example/accounts/avatars/1/static/a.png"),
        ({"avatar": "https://social.kopi.example/avatars/original/missing.png",
          "avatar_static": "https://social.kopi.example/avatars/original/missing.png"}, None),
    ):
        with responses.RequestsMock() as mock:
            mock.add(responses.GET, "https://social.kopi.example/api/v1/accounts/lookup",
                     json=account | fields, content_type="application/json")
            assert MASTODON.fetch(ref, actx()).avatar == expected
