"""Recorded responses in place of the network: a browser HAR export (`--har`)
for walled platforms, and the bundled demo's recording. Requests go through the
same client code; only the transport differs."""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from urllib3.response import HTTPResponse

from omnilinks.errors import OmnilinksError


def _key(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


class ReplayAdapter(requests.adapters.BaseAdapter):
    """Answers from recorded entries; other URLs go to `fallback`, or fail as not recorded."""

    def __init__(self, entries: dict[str, dict[str, Any]], fallback: requests.adapters.BaseAdapter | None = None,
                 label: str = "har"):
        super().__init__()
        self.entries = entries
        self.fallback = fallback
        self.label = label

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        entry = self.entries.get(_key(request.url or ""))
        if entry is None:
            if self.fallback is not None:
                return self.fallback.send(request, **kwargs)
            raise requests.ConnectionError(f"{request.url} is not recorded in the {self.label}")
        body = b"" if request.method == "HEAD" else entry["body"]
        raw = HTTPResponse(body=io.BytesIO(body), headers=entry["headers"], status=entry["status"],
                           preload_content=False, decode_content=False)
        response = requests.Response()
        response.status_code = entry["status"]
        response.headers = requests.structures.CaseInsensitiveDict(entry["headers"])
        response.headers["x-omnilinks-evidence"] = self.label
        response.raw = raw
        response.url = request.url or ""
        response.request = request
        response.reason = ""
        return response

    def close(self) -> None:
        if self.fallback is not None:
            self.fallback.close()


def load_har(path: str | Path) -> dict[str, dict[str, Any]]:
    """Entries of a HAR 1.2 file keyed by URL; the last response for a URL wins."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        raw_entries = data["log"]["entries"]
    except FileNotFoundError:
        raise OmnilinksError(f"{path}: HAR file not found") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OmnilinksError(f"{path}: not a HAR file ({exc.__class__.__name__}: {exc})") from None
    entries: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(raw_entries):
        try:
            url = entry["request"]["url"]
            response = entry["response"]
            content = response.get("content") or {}
            text = content.get("text") or ""
            body = base64.b64decode(text) if content.get("encoding") == "base64" else text.encode("utf-8")
            headers = {h["name"].lower(): h["value"] for h in response.get("headers") or []
                       if h["name"].lower() not in ("content-encoding", "content-length", "transfer-encoding")}
            if content.get("mimeType") and "content-type" not in headers:
                headers["content-type"] = content["mimeType"]
            entries[_key(url)] = {"status": int(response["status"]), "headers": headers, "body": body}
        except (KeyError, TypeError, ValueError) as exc:
            raise OmnilinksError(f"{path}: entry {index} is malformed ({exc})") from None
    return entries
