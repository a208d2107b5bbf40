"""The About panel of a YouTube channel: every link the channel lists.

A logged-out browser gets it in one of two ways, and omnilinks does the same:
the `/about` page's initial data (`aboutChannelViewModel`), or the panel's
continuation — `POST /youtubei/v1/browse` with the continuation token of the
header's "more" endpoint and the `INNERTUBE_CONTEXT` (and API key) the page
itself carries. No login, no key of our own."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from omnilinks.channels.base import AdapterContext, ChannelRef
from omnilinks.channels.urls import absolute, unwrap_redirect
from omnilinks.channels.verdict import embedded_json, find_key, page_text

BROWSE = "https://www.youtube.com/youtubei/v1/browse"
API_KEY = re.compile(r'"INNERTUBE_API_KEY"\s*:\s*"([A-Za-z0-9_-]{10,})"')
CLIENT_VERSION = re.compile(r'"INNERTUBE_CLIENT_VERSION"\s*:\s*"([0-9.]+)"')
PANEL = "the About panel"


@dataclass(frozen=True)
class About:
    """The links a YouTube channel's About panel lists, or why the panel could not be read."""

    links: list[str] | None  # None: the panel could not be read
    source: str = PANEL
    problem: str = ""  # why it could not be read


def about_links(ref: ChannelRef, ctx: AdapterContext, data: Any, text: str) -> About:
    """The channel's links from the page already read, its /about page, or the browse continuation."""
    model = find_key(data, "aboutChannelViewModel")
    if isinstance(model, dict):
        return About(view_model_links(model))
    about_url = ref.url.rstrip("/") + "/about"
    response = ctx.client.get(about_url)
    token, carrier, problem = None, text, ""
    if response.ok:
        about_text = page_text(response)
        about_data = embedded_json(about_text, "var ytInitialData")
        model = find_key(about_data, "aboutChannelViewModel")
        if isinstance(model, dict):
            return About(view_model_links(model), f"{PANEL} at {about_url}")
        token = continuation_token(about_data)
        carrier = about_text if token else text
    else:
        answer = response.describe()
        problem = answer if about_url in answer else f"{about_url} answered {answer}"
    token = token or continuation_token(data)
    if token is None:
        return About(None, problem=problem or "the page carries no About panel to load")
    return _browse(ctx, token, carrier)


def _browse(ctx: AdapterContext, token: str, carrier: str) -> About:
    context = embedded_json(carrier, '"INNERTUBE_CONTEXT":')
    version = CLIENT_VERSION.search(carrier)
    if not isinstance(context, dict):
        if version is None:
            return About(None, problem="the page carries no INNERTUBE_CONTEXT for the About panel's continuation")
        context = {"client": {"clientName": "WEB", "clientVersion": version.group(1)}}
    key = API_KEY.search(carrier)
    url = f"{BROWSE}?prettyPrint=false" + (f"&key={quote(key.group(1))}" if key else "")
    headers = {"Content-Type": "application/json", "X-YouTube-Client-Name": "1"}
    if version is not None:
        headers["X-YouTube-Client-Version"] = version.group(1)
    response = ctx.client.request("POST", url, headers=headers, json={"context": context, "continuation": token})
    if not response.ok:
        return About(None, problem=f"the browse continuation answered {response.describe()}")
    try:
        answer = json.loads(response.body or b"null")
    except ValueError:
        return About(None, problem="the browse continuation did not answer JSON")
    model = find_key(answer, "aboutChannelViewModel")
    if not isinstance(model, dict):
        return About(None, problem="the browse continuation did not answer with the About panel")
    return About(view_model_links(model), f"{PANEL}, read through its browse continuation")


def continuation_token(data: Any) -> str | None:
    """The token of the About panel's continuation: the header's "more" endpoint opens the
    panel (in a /about page, the response's own endpoints do)."""
    if not isinstance(data, dict):
        return None
    for place in (data.get("header"), data.get("onResponseReceivedEndpoints")):
        panel = find_key(place, "showEngagementPanelEndpoint")
        command = find_key(panel, "continuationCommand") if panel is not None else None
        token = command.get("token") if isinstance(command, dict) else None
        if isinstance(token, str) and token:
            return token
    return None


def view_model_links(model: dict[str, Any]) -> list[str]:
    """Each `channelExternalLinkViewModel`'s target: the redirect-wrapped URL it opens, else the text shown."""
    links: list[str] = []
    for item in model.get("links") or []:
        link_model = item.get("channelExternalLinkViewModel") if isinstance(item, dict) else None
        link = link_model.get("link") if isinstance(link_model, dict) else None
        if not isinstance(link, dict):
            continue
        endpoint = find_key(link, "urlEndpoint")
        wrapped = endpoint.get("url") if isinstance(endpoint, dict) else None
        target = unwrap_redirect(wrapped) if isinstance(wrapped, str) and wrapped else link.get("content")
        if isinstance(target, str) and target.strip():
            links.append(absolute(target.strip()))
    return list(dict.fromkeys(links))
